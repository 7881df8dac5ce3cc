// Head pose and visibility estimated from the detector's keypoints alone (no extra model): good enough to gate
// enrolment captures ("look at the camera") and to skip faces turned too far to recognise reliably.
import type { Point } from './similarity-transform';

/** Nose-between-eyes-and-mouth ratio of a frontal face in the reference template. */
const FRONTAL_NOSE_RATIO = 0.495;

export interface Pose {
  readonly eyeDistance: number;
  readonly roll: number;
  readonly yaw: number;
  readonly pitch: number;
}

const deg = (rad: number) => (rad * 180) / Math.PI;

/** keypoints: right eye, left eye, nose tip, mouth centre (subject's right/left; right eye is on the image left). */
export function estimatePose(keypoints: readonly Point[]): Pose {
  const [re, le, nose, mouth] = keypoints as [Point, Point, Point, Point];
  const dx = le.x - re.x;
  const dy = le.y - re.y;
  const eyeDistance = Math.hypot(dx, dy);
  const roll = Math.atan2(dy, dx);
  // Rotate into a frame where the eye line is horizontal, origin at the eye midpoint.
  const cx = (re.x + le.x) / 2;
  const cy = (re.y + le.y) / 2;
  const cos = Math.cos(-roll);
  const sin = Math.sin(-roll);
  const rot = (p: Point) => ({ x: (p.x - cx) * cos - (p.y - cy) * sin, y: (p.x - cx) * sin + (p.y - cy) * cos });
  const n = rot(nose);
  const m = rot(mouth);
  const half = eyeDistance / 2 || 1;
  // Nose off the eye midline: 0 when frontal, approaching +-1 in profile.
  const yaw = deg(Math.asin(Math.max(-1, Math.min(1, n.x / half))));
  const ratio = m.y !== 0 ? n.y / m.y : FRONTAL_NOSE_RATIO;
  const pitch = (ratio - FRONTAL_NOSE_RATIO) * 150;
  return { eyeDistance, roll: deg(roll), yaw, pitch };
}

export function eyesVisible(
  keypoints: readonly Point[],
  frameWidth: number,
  frameHeight: number,
  yaw: number,
): boolean {
  const inside = (p: Point | undefined) =>
    p !== undefined && p.x >= 0 && p.y >= 0 && p.x < frameWidth && p.y < frameHeight;
  return inside(keypoints[0]) && inside(keypoints[1]) && Math.abs(yaw) < 45;
}
