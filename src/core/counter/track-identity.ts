// What the counter knows about each tracked face, accumulated over frames: who it is (member, anonymous visitor,
// or not yet known), smoothed attributes, and whether it looks live. Decisions are made from several frames,
// never from one: an identity is named once the track's averaged embedding clears the open-set policy, and
// re-checked now and then; attributes are averaged so the card does not flicker between frames.
import type { Emotion, FaceResult } from '../../shared/face-engine-api';
import { EMOTIONS } from '../../shared/face-engine-api';
import {
  NO_TRAITS,
  type Traits,
  addTraits,
  ageBandEstimate,
  frameTraits,
  genderEstimate,
} from '../face/attribute-estimates';
import type { AgeBand } from '../face/attributes';
import { IDENTITY_GATE, type Evidence, newEvidence, usableForIdentity } from './visit-evidence';

export type IdentityKind = 'pending' | 'member' | 'visitor';

export interface TrackIdentity {
  kind: IdentityKind;
  memberId: string | undefined;
  visitorId: number | undefined;
  /** Similarity of the decision (member match or visitor match). */
  score: number | undefined;
  decidedAt: number | undefined;
  /** Embeddings of this visit's good frames (see visit-evidence.ts). */
  evidence: Evidence;
  /** Age and gender seen in this visit's good frames… */
  traits: Traits;
  /** …and in the earlier visits of the same anonymous visitor (their estimate uses both). */
  priorTraits: Traits;
  /** The visitor number was created for this visit (a newcomer), rather than found. */
  newVisitor: boolean;
  emotion: Record<Emotion, number> | undefined;
  /** Smoothed model liveness score. */
  livenessScore: number | undefined;
  /** Recent grey thumbnails with their times, to tell a still picture from a live face. */
  motion: { at: number; thumb: Uint8Array }[];
  /** Emotion samples for the visit summary. */
  emotionTotals: Record<Emotion, number>;
  samples: number;
}

export function newIdentity(): TrackIdentity {
  return {
    kind: 'pending',
    memberId: undefined,
    visitorId: undefined,
    score: undefined,
    decidedAt: undefined,
    evidence: newEvidence(),
    traits: NO_TRAITS,
    priorTraits: NO_TRAITS,
    newVisitor: false,
    emotion: undefined,
    livenessScore: undefined,
    motion: [],
    emotionTotals: Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>,
    samples: 0,
  };
}

const ema = (prev: number | undefined, next: number, alpha: number) =>
  prev === undefined ? next : prev + alpha * (next - prev);

/** How long thumbnails are kept for the motion check, and how still "still" is (mean absolute grey difference). */
export const MOTION_WINDOW_MS = 2000;
export const STILL_DIFFERENCE = 0.6;
const MIN_MOTION_FRAMES = 4;

/** Folds one frame's analysis of the face into the track's running picture. */
export function absorbFrame(id: TrackIdentity, face: FaceResult, now: number, gate = IDENTITY_GATE): void {
  const a = face.attributes;
  // Age and gender count only from frames good enough to recognise from: a turned or tiny face misleads them.
  if (usableForIdentity(face.quality, gate)) {
    const male = a.gender && (a.gender.label === 'male' ? a.gender.confidence : 1 - a.gender.confidence);
    id.traits = addTraits(id.traits, frameTraits(male, a.age?.years));
  }
  if (a.emotion) {
    const prev = id.emotion;
    id.emotion = Object.fromEntries(
      EMOTIONS.map((e) => [e, ema(prev?.[e], a.emotion?.scores[e] ?? 0, 0.35)]),
    ) as Record<Emotion, number>;
    for (const e of EMOTIONS) id.emotionTotals[e] += a.emotion.scores[e];
  }
  if (a.liveness) id.livenessScore = ema(id.livenessScore, a.liveness.score, 0.3);
  id.samples++;
  id.motion.push({ at: now, thumb: face.thumbnail });
  // The window keeps at least MIN_MOTION_FRAMES frames however far apart they are: on a slow device frames can be
  // seconds apart, and a window of two frames would never judge anything still.
  while (id.motion.length > MIN_MOTION_FRAMES && now - (id.motion[0]?.at ?? now) > MOTION_WINDOW_MS) id.motion.shift();
}

/**
 * True when the face has not moved at all across the motion window: a still image replayed to the camera.
 * Live faces always move a little (breathing, blinking, sensor noise); undefined until enough frames exist.
 */
export function isStill(id: TrackIdentity): boolean | undefined {
  const m = id.motion;
  if (m.length < MIN_MOTION_FRAMES || (m.at(-1)?.at ?? 0) - (m[0]?.at ?? 0) < MOTION_WINDOW_MS / 2) return undefined;
  let maxDiff = 0;
  for (let i = 1; i < m.length; i++) {
    const a = m[i - 1]?.thumb;
    const b = m[i]?.thumb;
    if (!a || !b) continue;
    let sum = 0;
    for (let k = 0; k < a.length; k++) sum += Math.abs((a[k] as number) - (b[k] as number));
    maxDiff = Math.max(maxDiff, sum / a.length);
  }
  return maxDiff < STILL_DIFFERENCE;
}

export interface LivenessVerdict {
  /** undefined = not enough evidence yet. */
  readonly live: boolean | undefined;
  readonly reason: 'still-image' | 'model' | 'ok' | 'pending';
}

export function livenessVerdict(id: TrackIdentity, threshold: number): LivenessVerdict {
  const still = isStill(id);
  if (still) return { live: false, reason: 'still-image' };
  if (id.livenessScore !== undefined && id.livenessScore < threshold) return { live: false, reason: 'model' };
  if (still === undefined || id.livenessScore === undefined) return { live: undefined, reason: 'pending' };
  return { live: true, reason: 'ok' };
}

/** Age band from every good frame of this visit and of the visitor's earlier visits. */
export function smoothedAgeBand(id: TrackIdentity): AgeBand | undefined {
  return ageBandEstimate(addTraits(id.priorTraits, id.traits));
}

/** Gender from the same frames; undefined ("not estimated") while the evidence is close to a coin toss. */
export function smoothedGender(id: TrackIdentity): 'female' | 'male' | undefined {
  return genderEstimate(addTraits(id.priorTraits, id.traits));
}

export function dominantEmotion(id: TrackIdentity): { emotion: Emotion; score: number } | undefined {
  if (!id.emotion) return undefined;
  let best: Emotion = 'neutral';
  for (const e of EMOTIONS) if (id.emotion[e] > id.emotion[best]) best = e;
  return { emotion: best, score: id.emotion[best] };
}
