// Canonical landmark positions that aligned face crops are warped to. The reference layout is the widely used
// five-point template of 112x112 face-recognition crops (eye centres, nose tip, mouth centre), in unit
// coordinates. Each model gets it scaled about the crop centre: `zoom` < 1 leaves more context around the face
// (looser crop), `shiftY` moves the face down (> 0) or up in the crop.
import type { Point } from './similarity-transform';

const REFERENCE: readonly Point[] = [
  { x: 38.2946 / 112, y: 51.6963 / 112 }, // subject's right eye (image left)
  { x: 73.5318 / 112, y: 51.5014 / 112 }, // subject's left eye (image right)
  { x: 56.0252 / 112, y: 71.7366 / 112 }, // nose tip
  { x: 56.1396 / 112, y: 92.2848 / 112 }, // mouth centre
];

export interface CropGeometry {
  /** Output size in pixels (square). */
  readonly size: number;
  readonly zoom: number;
  readonly shiftY: number;
}

/** Target positions (pixels in the output crop) for right eye, left eye, nose tip, mouth centre. */
export function templatePoints(g: CropGeometry): Point[] {
  return REFERENCE.map((p) => ({
    x: (0.5 + (p.x - 0.5) * g.zoom) * g.size,
    y: (0.5 + (p.y - 0.5) * g.zoom + g.shiftY) * g.size,
  }));
}
