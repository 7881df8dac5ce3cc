// What the counter knows about each tracked face, accumulated over frames: who it is (member, anonymous visitor,
// or not yet known), smoothed attributes, and whether it looks live. Decisions are made from several frames,
// never from one: an identity is named once the track's averaged embedding clears the open-set policy, and
// re-checked now and then; attributes are averaged so the card does not flicker between frames. Whether the face
// is live is judged by the presentation-attack check over the track's landmark samples (core/liveness).
import { EMOTIONS, type Emotion, type FaceResult } from '../face/face-result';
import {
  NO_TRAITS,
  type Traits,
  addTraits,
  ageBandEstimate,
  frameTraits,
  genderEstimate,
} from '../face/attribute-estimates';
import type { AgeBand } from '../face/attributes';
import {
  type PresentationSettings,
  type PresentationState,
  addSample,
  newPresentationState,
  presentationLive,
  sampleDue,
} from '../liveness/presentation-check';
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
  /** Landmark samples and verdicts of the presentation-attack check. */
  presentation: PresentationState;
  /** Emotion samples for the visit summary. */
  emotionTotals: Record<Emotion, number>;
  samples: number;
  /** Members staff said this face is not ("Not this person"): never named as them again in this visit. */
  rejected: ReadonlySet<string>;
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
    presentation: newPresentationState(),
    emotionTotals: Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>,
    samples: 0,
    rejected: new Set(),
  };
}

/**
 * Staff said the member named on this face is someone else: the face goes back to being unknown (the next good
 * frames make it an anonymous visitor) and is never named as that member again in this visit. No other member is
 * put in their place: a wrong name is worse than no name. Returns the member rejected, if the face was named.
 */
export function rejectMember(id: TrackIdentity): string | undefined {
  if (id.kind !== 'member' || id.memberId === undefined) return undefined;
  const rejected = id.memberId;
  id.rejected = new Set([...id.rejected, rejected]);
  id.kind = 'pending';
  id.memberId = undefined;
  id.score = undefined;
  id.decidedAt = undefined;
  return rejected;
}

/** Whether a gallery match may name this face (not a member staff rejected for it). */
export function mayName(id: TrackIdentity, memberId: string | undefined): memberId is string {
  return memberId !== undefined && !id.rejected.has(memberId);
}

const ema = (prev: number | undefined, next: number, alpha: number) =>
  prev === undefined ? next : prev + alpha * (next - prev);

/**
 * Faces smaller than this (eye distance, px) are not sampled for the presentation check: their landmarks are too
 * coarse to tell a plane from a head. The counter names nobody this small either.
 */
export const PRESENTATION_MIN_EYE_DISTANCE = 18;

/** True when the next frame of this track should bring landmarks for the presentation check. */
export function landmarksDue(id: TrackIdentity, now: number, settings: PresentationSettings): boolean {
  return sampleDue(id.presentation, now, settings);
}

/** Folds one frame's analysis of the face into the track's running picture. */
export function absorbFrame(
  id: TrackIdentity,
  face: FaceResult,
  now: number,
  settings: PresentationSettings,
  gate = IDENTITY_GATE,
): void {
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
  id.samples++;
  if (
    face.landmarks &&
    face.quality.eyeDistance >= PRESENTATION_MIN_EYE_DISTANCE &&
    sampleDue(id.presentation, now, settings)
  ) {
    addSample(id.presentation, { at: now, points: face.landmarks, model: a.liveness?.score }, settings);
  }
}

export interface LivenessVerdict {
  /** undefined = not enough evidence yet. */
  readonly live: boolean | undefined;
  readonly reason: 'flat-picture' | 'ok' | 'pending';
}

export function livenessVerdict(id: TrackIdentity, settings: PresentationSettings): LivenessVerdict {
  const live = presentationLive(id.presentation, settings);
  if (live === undefined) return { live: undefined, reason: 'pending' };
  return live ? { live: true, reason: 'ok' } : { live: false, reason: 'flat-picture' };
}

/** Age band from every good frame of this visit and of the visitor's earlier visits. */
export function smoothedAgeBand(id: TrackIdentity): AgeBand | undefined {
  return ageBandEstimate(addTraits(id.priorTraits, id.traits));
}

/** Gender from the same frames; undefined ("not estimated") while the evidence is close to a coin toss. */
export function smoothedGender(id: TrackIdentity): 'female' | 'male' | undefined {
  return genderEstimate(addTraits(id.priorTraits, id.traits));
}

/** Mean emotion scores over the frames of the track (the visit's summary); undefined when none were measured. */
export function meanEmotion(id: TrackIdentity): Record<Emotion, number> | undefined {
  if (id.samples === 0 || !Object.values(id.emotionTotals).some((v) => v > 0)) return undefined;
  return Object.fromEntries(EMOTIONS.map((e) => [e, id.emotionTotals[e] / id.samples])) as Record<Emotion, number>;
}

export function dominantEmotion(id: TrackIdentity): { emotion: Emotion; score: number } | undefined {
  if (!id.emotion) return undefined;
  let best: Emotion = 'neutral';
  for (const e of EMOTIONS) if (id.emotion[e] > id.emotion[best]) best = e;
  return { emotion: best, score: id.emotion[best] };
}
