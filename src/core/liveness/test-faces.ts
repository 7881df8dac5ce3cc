// Test support: the 68 landmarks of a face as a 3-D shape, seen through a pinhole camera. The layout follows
// iBUG 300-W (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67); units are eye distances, x to the
// subject's left on the image, y down, z towards the camera. A real head has depth (the nose tip stands about
// 0.6 eye distances in front of the eyes, the jaw outline well behind them); a printed photo of the same face
// has none. Both can be turned, tilted and moved in front of the camera, so the check is tested on geometry a
// camera would really see.
import type { Point } from '../face/similarity-transform';

export interface Point3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

function arc(n: number, f: (t: number) => Point3): Point3[] {
  return Array.from({ length: n }, (_, i) => f(n === 1 ? 0 : i / (n - 1)));
}

/** A face shape; `flat` = a photo of it (every point on one plane). */
export function faceShape(flat = false): Point3[] {
  const p = (x: number, y: number, z: number): Point3 => ({ x, y, z: flat ? 0 : z });
  const jaw = arc(17, (t) => {
    const a = Math.PI * (1.05 - 1.1 * t);
    return p(
      1.05 * Math.cos(a),
      0.3 + 1.15 * Math.sin(a) * (t > 0.1 && t < 0.9 ? 1 : 0.7),
      -0.55 * Math.abs(Math.cos(a)) - 0.15,
    );
  }).map((q, i) => (i === 0 || i === 16 ? { ...q, y: q.y - 0.25 } : q));
  const brow = (side: number) => arc(5, (t) => p(side * (0.2 + 0.55 * t), -0.45 - 0.12 * Math.sin(Math.PI * t), 0.05));
  const noseBridge = arc(4, (t) => p(0, -0.25 + 0.45 * t, 0.15 + 0.35 * t));
  const nostrils = arc(5, (t) =>
    p(-0.25 + 0.5 * t, 0.35 - 0.04 * Math.sin(Math.PI * t), 0.35 + 0.1 * Math.sin(Math.PI * t)),
  );
  const eye = (cx: number) => [
    p(cx - 0.2, 0, 0),
    p(cx - 0.08, -0.07, 0.02),
    p(cx + 0.08, -0.07, 0.02),
    p(cx + 0.2, 0, 0),
    p(cx + 0.08, 0.06, 0.02),
    p(cx - 0.08, 0.06, 0.02),
  ];
  const outerLip = arc(12, (t) => {
    const a = 2 * Math.PI * t;
    return p(-0.42 * Math.cos(a), 0.72 - 0.14 * Math.sin(a), 0.25 - 0.1 * Math.abs(Math.cos(a)));
  });
  const innerLip = arc(8, (t) => {
    const a = 2 * Math.PI * t;
    return p(-0.3 * Math.cos(a), 0.72 - 0.04 * Math.sin(a), 0.25);
  });
  return [
    ...jaw,
    ...brow(-1).reverse(),
    ...brow(1),
    ...noseBridge,
    ...nostrils,
    ...eye(-0.5),
    ...eye(0.5),
    ...outerLip,
    ...innerLip,
  ];
}

/**
 * The shape with the jaw dropped by `open` (talking: the chin and lower jaw line move down) and the brows
 * raised by `brows`, both in eye distances. A live face does this; a photo cannot.
 */
export function withExpression(shape: readonly Point3[], open: number, brows: number): Point3[] {
  return shape.map((p, k) => {
    if (k >= 3 && k <= 13) return { ...p, y: p.y + open * (1 - Math.abs(k - 8) / 6) };
    if (k >= 17 && k <= 26) return { ...p, y: p.y - brows };
    return p;
  });
}

export interface Pose {
  /** Turn (about the vertical axis), nod and roll, degrees. */
  readonly yaw: number;
  readonly pitch: number;
  readonly roll: number;
  /** Position of the face's centre in the image (pixels) and its distance (in eye distances). */
  readonly x: number;
  readonly y: number;
  readonly distance: number;
}

const rad = (d: number) => (d * Math.PI) / 180;

/** The landmarks as a camera of focal length `focal` (pixels) sees `shape` in `pose`. */
export function project(shape: readonly Point3[], pose: Pose, focal = 700): Point[] {
  const [cy, sy] = [Math.cos(rad(pose.yaw)), Math.sin(rad(pose.yaw))];
  const [cp, sp] = [Math.cos(rad(pose.pitch)), Math.sin(rad(pose.pitch))];
  const [cr, sr] = [Math.cos(rad(pose.roll)), Math.sin(rad(pose.roll))];
  return shape.map((q) => {
    // Yaw, then pitch, then roll; the face looks at the camera along -z.
    const x1 = q.x * cy + q.z * sy;
    const z1 = -q.x * sy + q.z * cy;
    const y2 = q.y * cp - z1 * sp;
    const z2 = q.y * sp + z1 * cp;
    const x3 = x1 * cr - y2 * sr;
    const y3 = x1 * sr + y2 * cr;
    const depth = pose.distance - z2;
    return { x: pose.x + (focal * x3) / depth, y: pose.y + (focal * y3) / depth };
  });
}

/** Deterministic noise (a small LCG), as the landmark detector's jitter of `sigma` pixels. */
export function jitter(points: readonly Point[], sigma: number, seed: number): Point[] {
  let s = seed * 7919 + 17;
  const next = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff - 0.5;
  };
  // Sum of three uniforms: about normal, standard deviation 0.5.
  const gauss = () => (next() + next() + next()) * 2;
  return points.map((p) => ({ x: p.x + sigma * gauss(), y: p.y + sigma * gauss() }));
}
