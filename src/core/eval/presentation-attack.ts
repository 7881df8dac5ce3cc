// Calibrating and scoring the presentation-attack check (ISO/IEC 30107-3 terms): APCER = share of attack
// captures accepted as live, BPCER = share of bona fide captures rejected. A capture's decision is the
// counter's: judged an attack if any of its verdicts scored below the threshold. A real capture that was never
// judged live (no verdict, or never a full window) counts as rejected. An attack capture that got verdicts but
// ended before a full window counts by its lowest verdict, as if it had gone on: the capture's length is the data
// set's, not the attacker's, who can hold a print up for as long as it takes (counting such captures as "not
// accepted" would reward a setting for attacks it never decided). Only an attack without any verdict (no face)
// counts as not accepted.
import { type PlanarEvidence, type PresentationSettings, presentationScore } from '../liveness/presentation-check';

export interface CaptureEvidence {
  readonly label: 'real' | 'attack';
  /** Who is in the capture (leave-one-subject-out groups). */
  readonly group: string;
  /** Evidence at each verdict the track reached, in order (empty = no verdict). */
  readonly evidence: readonly PlanarEvidence[];
  /** The track reached a full window of samples (needed before it can be judged live). */
  readonly complete: boolean;
}

export type Weights = Pick<PresentationSettings, 'planeWeight' | 'modelWeight'>;

/**
 * The capture's lowest score (what its latched verdict compares); undefined when it has no verdict, or when it is
 * a real capture that never reached a full window (it could not have been judged live), so it counts as rejected
 * or not accepted whatever the threshold. An attack cut short keeps its lowest score (see the file comment).
 */
export function captureScore(c: CaptureEvidence, w: Weights): number | undefined {
  if (!c.evidence.length) return undefined;
  const lowest = lowestScore(c, w);
  return c.complete || c.label === 'attack' ? lowest : undefined;
}

function lowestScore(c: CaptureEvidence, w: Weights): number {
  const settings = { ...w, threshold: 0, sampleSpacingMs: 0, minSamples: 0, window: 0, liveAfterSamples: 0 };
  return Math.min(...c.evidence.map((e) => presentationScore(e, settings)));
}

export interface Rates {
  readonly apcer: number;
  readonly bpcer: number;
  readonly attacks: number;
  readonly reals: number;
}

export function rates(captures: readonly CaptureEvidence[], w: Weights, threshold: number): Rates {
  let accepted = 0;
  let rejected = 0;
  let attacks = 0;
  let reals = 0;
  for (const c of captures) {
    const s = captureScore(c, w);
    const live = s !== undefined && s >= threshold;
    if (c.label === 'attack') {
      attacks++;
      if (live) accepted++;
    } else {
      reals++;
      if (!live) rejected++;
    }
  }
  return { apcer: attacks ? accepted / attacks : 0, bpcer: reals ? rejected / reals : 0, attacks, reals };
}

/**
 * The strictest threshold whose BPCER is at most `maxBpcer` (so the lowest APCER at that BPCER), placed half-way
 * between the lowest real capture it must accept and the next lower score of any capture, for a margin.
 */
export function thresholdFor(captures: readonly CaptureEvidence[], w: Weights, maxBpcer: number): number {
  const scored = captures.map((c) => ({ label: c.label, s: captureScore(c, w) }));
  const reals = scored.filter((c) => c.label === 'real');
  const unjudged = reals.filter((c) => c.s === undefined).length;
  const allowed = Math.floor(maxBpcer * reals.length + 1e-9) - unjudged;
  const realScores = reals.flatMap((c) => (c.s === undefined ? [] : [c.s])).sort((a, b) => a - b);
  if (allowed < 0 || !realScores.length) return -Infinity;
  const keep = realScores[Math.min(allowed, realScores.length - 1)] as number;
  const below = scored.flatMap((c) => (c.s !== undefined && c.s < keep ? [c.s] : []));
  return below.length ? (keep + Math.max(...below)) / 2 : keep;
}

export interface Calibration extends Weights {
  readonly threshold: number;
  readonly apcer: number;
  readonly bpcer: number;
}

/**
 * Chooses weights from `grid` and a threshold: BPCER at most `maxBpcer`, then the lowest APCER; among equals,
 * the simplest (smallest weights), so the fewest assumptions are carried to people not in the data.
 */
export function calibrate(
  captures: readonly CaptureEvidence[],
  grid: readonly Weights[],
  maxBpcer: number,
): Calibration {
  let best: Calibration | undefined;
  const ordered = [...grid].sort((a, b) => a.planeWeight - b.planeWeight || a.modelWeight - b.modelWeight);
  for (const w of ordered) {
    const threshold = thresholdFor(captures, w, maxBpcer);
    const r = rates(captures, w, threshold);
    if (r.bpcer > maxBpcer + 1e-9) continue;
    if (!best || r.apcer < best.apcer - 1e-9) best = { ...w, threshold, apcer: r.apcer, bpcer: r.bpcer };
  }
  if (!best) throw new Error('no setting meets the BPCER target');
  return best;
}

export interface LeaveOneOut {
  readonly apcer: number;
  readonly bpcer: number;
  readonly folds: readonly {
    group: string;
    chosen: Calibration;
    held_out: Rates;
    accepted: number;
    rejected: number;
  }[];
}

/** Leave-one-group-out: each group scored with weights and threshold chosen on all the other groups. */
export function leaveOneGroupOut(
  captures: readonly CaptureEvidence[],
  grid: readonly Weights[],
  maxBpcer: number,
): LeaveOneOut {
  let accepted = 0;
  let rejected = 0;
  const folds = [];
  for (const group of [...new Set(captures.map((c) => c.group))].sort()) {
    const chosen = calibrate(
      captures.filter((c) => c.group !== group),
      grid,
      maxBpcer,
    );
    const held = captures.filter((c) => c.group === group);
    const r = rates(held, chosen, chosen.threshold);
    const a = Math.round(r.apcer * r.attacks);
    const b = Math.round(r.bpcer * r.reals);
    accepted += a;
    rejected += b;
    folds.push({ group, chosen, held_out: r, accepted: a, rejected: b });
  }
  const attacks = captures.filter((c) => c.label === 'attack').length;
  const reals = captures.length - attacks;
  return { apcer: attacks ? accepted / attacks : 0, bpcer: reals ? rejected / reals : 0, folds };
}
