// Face alignment maps detected landmarks onto the canonical landmark positions a recognition model was trained
// with. A similarity transform (rotation + uniform scale + translation) is the right family: it straightens and
// sizes the face without shearing it, so identity cues are not distorted.

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Row-major 2x3 affine matrix [a, b, tx, c, d, ty]: x' = a x + b y + tx, y' = c x + d y + ty. */
export type Affine = readonly [number, number, number, number, number, number];

/**
 * Least-squares similarity transform taking `src` points onto `dst` points (Umeyama's method restricted to 2D,
 * without reflection). Needs at least two distinct points.
 */
export function estimateSimilarity(src: readonly Point[], dst: readonly Point[]): Affine {
  const n = src.length;
  if (n < 2 || dst.length !== n) throw new Error('estimateSimilarity needs two or more matching point pairs');
  let sx = 0;
  let sy = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < n; i++) {
    const s = src[i] as Point;
    const d = dst[i] as Point;
    sx += s.x;
    sy += s.y;
    dx += d.x;
    dy += d.y;
  }
  sx /= n;
  sy /= n;
  dx /= n;
  dy /= n;
  // With centred points, the optimal rotation+scale as a complex number is sum(conj(s) * d) / sum(|s|^2).
  let num_re = 0;
  let num_im = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const s = src[i] as Point;
    const d = dst[i] as Point;
    const px = s.x - sx;
    const py = s.y - sy;
    const qx = d.x - dx;
    const qy = d.y - dy;
    num_re += px * qx + py * qy;
    num_im += px * qy - py * qx;
    den += px * px + py * py;
  }
  if (den === 0) throw new Error('estimateSimilarity: source points coincide');
  const a = num_re / den; // scale * cos(theta)
  const b = num_im / den; // scale * sin(theta)
  return [a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)];
}

export function applyAffine(m: Affine, p: Point): Point {
  return { x: m[0] * p.x + m[1] * p.y + m[2], y: m[3] * p.x + m[4] * p.y + m[5] };
}

export function invertAffine(m: Affine): Affine {
  const [a, b, tx, c, d, ty] = m;
  const det = a * d - b * c;
  if (det === 0) throw new Error('invertAffine: singular matrix');
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  return [ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty)];
}

/** Uniform scale factor of a similarity transform. */
export function affineScale(m: Affine): number {
  return Math.hypot(m[0], m[3]);
}
