// Who a tracked face is, decided from several frames rather than one: the embeddings of the frames good enough
// to recognise from are summed over the visit, and decisions use their mean, which is steadier than any single
// frame (a blink, a half turn, motion blur). Members are looked for on every good frame, so a member is named
// as soon as the evidence allows; an anonymous visitor's number is decided only once a few good frames over a
// short while have been seen, because a wrong number (two people merged, or one person split) corrupts the
// visitor counts for the rest of the retention window, while waiting a second costs nothing.
import type { FaceQuality } from '../face/face-result';

export interface IdentityGate {
  /** Pixels between the eye centres; smaller faces carry too little detail. */
  readonly minEyeDistance: number;
  /** Head turn (degrees) beyond which the embedding no longer resembles the person's frontal one. */
  readonly maxYaw: number;
}

/** Chosen on the tuning folder's visits (scripts/tune/visitors.ts, docs/eval/tune-visitors.json). */
export const IDENTITY_GATE: IdentityGate = { minEyeDistance: 18, maxYaw: 35 };

export interface VisitorDecisionRule {
  /** Good frames needed before a visitor number is decided… */
  readonly frames: number;
  /** …spread over at least this long (ms), so they are not one moment seen several times. */
  readonly spanMs: number;
}

export const VISITOR_DECISION: VisitorDecisionRule = { frames: 3, spanMs: 1000 };

/**
 * Frames that fail the gate still count, with this weight: they change nothing once good frames exist, but a
 * person who never faced the camera squarely is still counted (as a visitor) rather than not at all.
 */
export const POOR_FRAME_WEIGHT = 0.01;

export interface Evidence {
  /** Weighted sum of the frames' embeddings (undefined before the first). */
  sum: Float32Array | undefined;
  /** Good frames (those passing the gate) so far, and when the first and last were seen. */
  frames: number;
  firstAt: number | undefined;
  lastAt: number | undefined;
}

export function newEvidence(): Evidence {
  return { sum: undefined, frames: 0, firstAt: undefined, lastAt: undefined };
}

export function usableForIdentity(q: FaceQuality, gate: IdentityGate = IDENTITY_GATE): boolean {
  return q.eyeDistance >= gate.minEyeDistance && Math.abs(q.yaw) <= gate.maxYaw;
}

/** Adds one frame's embedding: a good frame (`good`) with full weight, any other with POOR_FRAME_WEIGHT. */
export function addEvidence(e: Evidence, embedding: Float32Array, now: number, good: boolean): void {
  if (!e.sum) e.sum = new Float32Array(embedding.length);
  const w = good ? 1 : POOR_FRAME_WEIGHT;
  for (let i = 0; i < embedding.length; i++) e.sum[i] = (e.sum[i] as number) + w * (embedding[i] as number);
  if (!good) return;
  e.frames++;
  e.firstAt ??= now;
  e.lastAt = now;
}

/** The weighted mean of the frames' embeddings, L2-normalised (undefined before the first frame). */
export function evidenceMean(e: Evidence): Float32Array | undefined {
  if (!e.sum) return undefined;
  let norm = 0;
  for (const x of e.sum) norm += x * x;
  const inv = 1 / (Math.sqrt(norm) || 1);
  return e.sum.map((x) => x * inv);
}

export function readyForVisitorDecision(e: Evidence, rule: VisitorDecisionRule = VISITOR_DECISION): boolean {
  return e.frames >= rule.frames && (e.lastAt ?? 0) - (e.firstAt ?? 0) >= rule.spanMs;
}
