// The presentation-attack check over a track: is the face in front of the camera a live person, or a printed or
// displayed photo held up to it? One frame cannot tell (docs/eval: the single-frame models score printed
// photos as high as real faces), a sequence can: a picture moves as one flat plane, so between two moments its
// landmarks follow one homography up to the detector's noise, while a real head shows parallax (nose against
// face outline) and changes shape (blinks, expression).
//
// Evidence comes from landmark samples taken at least SAMPLE_SPACING_MS apart, so the same amount of real time
// separates two samples whether the camera gives 9 analysed frames a second or one: at 9 fps every fourth frame
// is a sample, at 1-3 fps every frame. Over the last WINDOW samples, for every pair of samples:
// - nonPlanar: what is left after the best homography of the rigid landmarks (outline, brows, nose), relative to
//   the eye distance: a photo leaves only noise and a little bending;
// - planeGain: how much better the homography fits than a similarity (per pair, then the median): a photo tilted
//   or turned in the hands is a plane seen in perspective, which the homography explains and the similarity
//   cannot; a turning head leaves parallax that neither explains.
// The medians over the pairs make the score ln(nonPlanar) − planeWeight·ln(planeGain) + modelWeight·logit(model),
// where `model` is the single-frame models' mean. The track is judged once MIN_SAMPLES samples exist and again at
// every new sample; a score below the threshold once makes it an attack for the rest of the track (a picture that
// was caught does not get a name by being held still later), and it is live only after LIVE_AFTER samples (two
// full windows) without such a score: see presentationLive.
import type { Point } from '../face/similarity-transform';
import { fitResidual } from './planar-fit';

export interface PresentationSettings {
  /** Least time between two landmark samples. */
  readonly sampleSpacingMs: number;
  /** Samples needed before the first verdict. */
  readonly minSamples: number;
  /** Samples the evidence is computed over (the most recent). */
  readonly window: number;
  /** Samples judged, none of them an attack, before a track counts as live (at least `window`). */
  readonly liveAfterSamples: number;
  readonly planeWeight: number;
  readonly modelWeight: number;
  /** Live when the score is at or above this. */
  readonly threshold: number;
}

export interface LandmarkSample {
  readonly at: number;
  /** The 68 landmarks (iBUG 300-W order) in frame pixels. */
  readonly points: readonly Point[];
  /** Single-frame models' live score of the sample's frame (0..1), when computed. */
  readonly model: number | undefined;
}

export interface PlanarEvidence {
  readonly nonPlanar: number;
  readonly planeGain: number;
  /** Mean single-frame model score over the samples (undefined when none was computed). */
  readonly model: number | undefined;
}

export interface PresentationState {
  samples: LandmarkSample[];
  /** Samples taken over the whole track (the window keeps the last few). */
  taken: number;
  /** Evidence at each verdict so far (for the evaluation; bounded by the track's length in samples). */
  evidence: PlanarEvidence[];
  /** Lowest score so far; undefined before the first verdict. */
  lowest: number | undefined;
}

export function newPresentationState(): PresentationState {
  return { samples: [], taken: 0, evidence: [], lowest: undefined };
}

/** Jaw line, brows and nose: the landmarks that move with the skull (eyes and mouth also change shape). */
const RIGID = Array.from({ length: 36 }, (_, i) => i);
const LANDMARKS = 68;
/** A residual this small (in eye distances) means the same landmarks twice: far below any detector's noise. */
const IDENTICAL = 1e-6;

function centre(points: readonly Point[], from: number, to: number): Point {
  let x = 0;
  let y = 0;
  for (let i = from; i <= to; i++) {
    x += (points[i] as Point).x;
    y += (points[i] as Point).y;
  }
  return { x: x / (to - from + 1), y: y / (to - from + 1) };
}

/** Distance between the eye centres (landmarks 36-41 and 42-47). */
export function eyeDistance(points: readonly Point[]): number {
  const r = centre(points, 36, 41);
  const l = centre(points, 42, 47);
  return Math.hypot(r.x - l.x, r.y - l.y);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** True when a new landmark sample is due at `now`. */
export function sampleDue(state: PresentationState, now: number, settings: PresentationSettings): boolean {
  const last = state.samples.at(-1);
  return last === undefined || now - last.at >= settings.sampleSpacingMs;
}

/** Planar evidence over `samples` (every pair); undefined when fewer than two usable samples. */
export function planarEvidence(samples: readonly LandmarkSample[]): PlanarEvidence | undefined {
  const residual: number[] = [];
  const gain: number[] = [];
  const rigid = samples.map((s) => RIGID.map((i) => s.points[i] as Point));
  for (let i = 0; i < samples.length; i++) {
    for (let j = i + 1; j < samples.length; j++) {
      const scale =
        (eyeDistance((samples[i] as LandmarkSample).points) + eyeDistance((samples[j] as LandmarkSample).points)) / 2;
      const h = fitResidual(rigid[i] as Point[], rigid[j] as Point[], 'homography');
      const s = fitResidual(rigid[i] as Point[], rigid[j] as Point[], 'similarity');
      if (!(scale > 0) || !Number.isFinite(h) || !Number.isFinite(s)) continue;
      residual.push(h / scale);
      // Per pair: a head turning shows parallax in proportion to the turn, so its ratio stays moderate however far
      // it turns; a print turned or tilted leaves only noise after the homography, so its ratio grows with the turn.
      // Two identical landmark sets (a still picture, a frozen stream) have no ratio: the residual alone judges them.
      if (h / scale > IDENTICAL) gain.push(s / h);
    }
  }
  if (!residual.length) return undefined;
  const models = samples.flatMap((s) => (s.model === undefined ? [] : [s.model]));
  return {
    nonPlanar: Math.max(median(residual), IDENTICAL),
    planeGain: gain.length ? median(gain) : 1,
    model: models.length ? models.reduce((a, b) => a + b, 0) / models.length : undefined,
  };
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
};

export function presentationScore(e: PlanarEvidence, settings: PresentationSettings): number {
  const model = e.model === undefined || settings.modelWeight === 0 ? 0 : settings.modelWeight * logit(e.model);
  return Math.log(e.nonPlanar) - settings.planeWeight * Math.log(e.planeGain) + model;
}

/** Adds a sample (68 landmarks) and, once there are enough, judges the window again. */
export function addSample(state: PresentationState, sample: LandmarkSample, settings: PresentationSettings): void {
  if (sample.points.length < LANDMARKS) return;
  state.samples.push(sample);
  state.taken++;
  while (state.samples.length > settings.window) state.samples.shift();
  if (state.samples.length < settings.minSamples) return;
  const e = planarEvidence(state.samples);
  if (!e) return;
  state.evidence.push(e);
  const score = presentationScore(e, settings);
  state.lowest = state.lowest === undefined ? score : Math.min(state.lowest, score);
}

/**
 * false = judged a photo or screen (for the rest of the track), as soon as any verdict scores below the
 * threshold; true only once `liveAfterSamples` samples have been taken and no verdict did (a print can look live
 * over its first window, before it has been turned enough to show it is flat); undefined = still checking.
 */
export function presentationLive(state: PresentationState, settings: PresentationSettings): boolean | undefined {
  if (state.lowest === undefined) return undefined;
  if (state.lowest < settings.threshold) return false;
  return state.taken >= Math.max(settings.window, settings.liveAfterSamples) ? true : undefined;
}
