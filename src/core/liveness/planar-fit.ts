// How well one landmark set maps onto another under a motion model. A printed or displayed photo moves as one
// flat plane, so between any two moments its landmarks follow one homography (a perspective map of the plane)
// up to the landmark detector's noise; a real head does not (the nose stands out from the face outline, and eyes
// and mouth change shape). Fitting both a similarity (move, turn, scale in the image plane) and a homography to
// the same pair tells how much of the motion beyond a similarity a plane explains, and what is left over.
import { Matrix, solve } from 'ml-matrix';
import type { Point } from '../face/similarity-transform';

export type MotionModel = 'similarity' | 'homography';

/**
 * Moves the centroid to the origin and scales to a mean distance of √2 (Hartley's normalisation), so the least
 * squares below are well conditioned whatever the face's position and size in the frame.
 */
function normalise(points: readonly Point[]): { points: Point[]; scale: number } {
  let cx = 0;
  let cy = 0;
  for (const p of points) {
    cx += p.x;
    cy += p.y;
  }
  cx /= points.length;
  cy /= points.length;
  let spread = 0;
  for (const p of points) spread += Math.hypot(p.x - cx, p.y - cy);
  const scale = Math.SQRT2 / (spread / points.length || 1);
  return { points: points.map((p) => ({ x: (p.x - cx) * scale, y: (p.y - cy) * scale })), scale };
}

/** Unknowns of each model: similarity [a, b, tx, ty] (a = s cos, b = s sin); homography h11..h32 with h33 = 1. */
function equations(model: MotionModel, s: Point, d: Point): [number[], number, number[], number] {
  if (model === 'similarity') return [[s.x, -s.y, 1, 0], d.x, [s.y, s.x, 0, 1], d.y];
  return [[s.x, s.y, 1, 0, 0, 0, -d.x * s.x, -d.x * s.y], d.x, [0, 0, 0, s.x, s.y, 1, -d.y * s.x, -d.y * s.y], d.y];
}

function apply(model: MotionModel, h: readonly number[], p: Point): Point {
  const at = (i: number) => h[i] as number;
  if (model === 'similarity') return { x: at(0) * p.x - at(1) * p.y + at(2), y: at(1) * p.x + at(0) * p.y + at(3) };
  const w = at(6) * p.x + at(7) * p.y + 1;
  return { x: (at(0) * p.x + at(1) * p.y + at(2)) / w, y: (at(3) * p.x + at(4) * p.y + at(5)) / w };
}

/**
 * Root-mean-square distance, in `dst`'s pixels, between `dst` and `src` carried over by the least-squares
 * `model` fitted from `src` to `dst`. NaN when the fit is degenerate (too few or collinear points).
 */
export function fitResidual(src: readonly Point[], dst: readonly Point[], model: MotionModel): number {
  const unknowns = model === 'similarity' ? 4 : 8;
  if (src.length !== dst.length || 2 * src.length < unknowns) return NaN;
  const s = normalise(src);
  const d = normalise(dst);
  const rows: number[][] = [];
  const rhs: number[] = [];
  s.points.forEach((p, i) => {
    const [r1, v1, r2, v2] = equations(model, p, d.points[i] as Point);
    rows.push(r1, r2);
    rhs.push(v1, v2);
  });
  let h: number[];
  try {
    h = solve(new Matrix(rows), Matrix.columnVector(rhs)).getColumn(0);
  } catch {
    return NaN;
  }
  if (h.some((v) => !Number.isFinite(v))) return NaN;
  let sum = 0;
  s.points.forEach((p, i) => {
    const q = apply(model, h, p);
    const t = d.points[i] as Point;
    sum += (q.x - t.x) ** 2 + (q.y - t.y) ** 2;
  });
  return Math.sqrt(sum / src.length) / d.scale;
}
