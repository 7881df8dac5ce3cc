// npm run tune -- recognition --features FILE --pairs FILE [--out FILE]
// Chooses the recogniser's settings on the tuning folder only (lfw-tune), from engine outputs cached by
// `npm run eval -- features`:
// - verification: accuracy over the folder's pairs at every threshold, and the best one;
// - calibration: false match / false non-match rates over every pair of its images (the table in Settings);
// - open set: the app's photo enrolment and gallery on a split of the folder (people with 4+ photos enrolled
//   with the first half of their photos, probed with the rest; one photo of everyone else as never-enrolled
//   unknowns), scored for every threshold and margin.
import { readFileSync } from 'node:fs';
import { type ScoredPair, accuracyAt, bestThreshold, tarAtFar } from '../../src/core/eval/verification';
import { ENROLMENT_RULES, PHOTO_RULES } from '../../src/core/members/enrolment';
import { CENTROID_WEIGHT } from '../../src/core/recognition/gallery';
import { policyForStrictness } from '../../src/core/recognition/strictness';
import { Rng } from '../../src/core/random/prng';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { type CachedImage, cosine, flag, loadFeatures, writeOutput } from './cache';
import { dirAndRank1, openSet, scorePolicy, splitPeople } from './open-set';

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

const { images, engineArgs } = loadFeatures(flag('features'));
const byPath = new Map(images.map((i) => [i.path, i]));

// --- verification on the folder's pairs --------------------------------------------------------------------
const img = (name: string, i: string) => `images/${name}/${name}_${i.padStart(4, '0')}.jpg`;
const pairLines = readFileSync(flag('pairs'), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim())
  .slice(1);
function scorePairs(lookup: Map<string, CachedImage>): ScoredPair[] {
  return pairLines.map((line) => {
    // "name i j" (same person) or "name1 i name2 j" (different people).
    const [n1 = '', i1 = '', x = '', y] = line.trim().split(/\s+/);
    const [a, b, same] = y === undefined ? [img(n1, i1), img(n1, x), true] : [img(n1, i1), img(x, y), false];
    const ea = lookup.get(a)?.subject?.embedding;
    const eb = lookup.get(b)?.subject?.embedding;
    return { same, score: ea && eb ? cosine(ea, eb) : undefined };
  });
}
const pairs = scorePairs(byPath);
const bestPair = bestThreshold(pairs);
const grid = (from: number, to: number, step: number) =>
  Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => round(from + i * step, 4));
const verification = {
  pairs: pairs.length,
  no_face: pairs.filter((p) => p.score === undefined).length,
  best_threshold: round(bestPair.threshold),
  best_accuracy: round(bestPair.accuracy),
  'tar_at_far_1e-2': round(tarAtFar(pairs, 1e-2).tar),
  accuracy: grid(0.88, 0.94, 0.0025).map((t) => ({ threshold: t, accuracy: round(accuracyAt(pairs, t)) })),
};

// --- calibration over every pair of images -------------------------------------------------------------------
const found = images.flatMap((i) => (i.subject?.embedding ? [{ identity: i.identity, e: i.subject.embedding }] : []));
const BINS = 4000; // score histogram over [0.8, 1.0): exact enough for a 0.005 grid
const impostorHist = new Float64Array(BINS + 1);
const genuineHist = new Float64Array(BINS + 1);
let impostors = 0;
let genuine = 0;
found.forEach((a, i) => {
  for (const b of found.slice(i + 1)) {
    const bin = Math.max(0, Math.min(BINS, Math.floor(((cosine(a.e, b.e) - 0.8) / 0.2) * BINS)));
    if (a.identity === b.identity) {
      genuine++;
      genuineHist[bin] = (genuineHist[bin] as number) + 1;
    } else {
      impostors++;
      impostorHist[bin] = (impostorHist[bin] as number) + 1;
    }
  }
});
/** Share of `hist` at or above `t` (t on the bin grid). */
const above = (hist: Float64Array, t: number) => {
  const from = Math.round(((t - 0.8) / 0.2) * BINS);
  let n = 0;
  for (let b = from; b <= BINS; b++) n += hist[b] as number;
  return n;
};
const calibration = {
  images: images.length,
  found: found.length,
  impostor_pairs: impostors,
  genuine_pairs: genuine,
  table: grid(0.88, 0.99, 0.005).map((t) => ({
    threshold: t,
    fmr: Number((above(impostorHist, t) / impostors).toPrecision(3)),
    fnmr: Number((1 - above(genuineHist, t) / genuine).toPrecision(4)),
  })),
};

// --- open-set identification ---------------------------------------------------------------------------------
// 1. Photo-enrolment pose limits and the gallery's centroid weight, by DIR at FPIR 1 % (all members enrolled).
// 2. With those, every threshold and margin: the shipped policy maximises the probes named correctly minus ten
//    times the unknowns named, with all 307 members enrolled (a bigger gallery than the evaluation's 87 gives
//    unknowns more chances to be named, so it is the harder case); the mean over 20 galleries of 87 is shown too.
const split = splitPeople(images);
const poseLimits = [
  {
    name: 'app before (yaw 35, pitch 30, roll 30, eyes visible)',
    rules: { ...ENROLMENT_RULES, maxYaw: 35, maxPitch: 30 },
  },
  {
    name: '45 degrees, eyes not required',
    rules: { ...ENROLMENT_RULES, maxYaw: 45, maxPitch: 45, maxRoll: 45, requireEyesVisible: false },
  },
  {
    name: '60 degrees, eyes not required',
    rules: { ...ENROLMENT_RULES, maxYaw: 60, maxPitch: 60, maxRoll: 60, requireEyesVisible: false },
  },
  {
    name: 'no pose limit',
    rules: { ...ENROLMENT_RULES, maxYaw: 90, maxPitch: 90, maxRoll: 180, requireEyesVisible: false },
  },
];
const enrolment = poseLimits.flatMap((p) =>
  [0, 0.25, 0.5, 0.75, 1].map((centroidWeight) => {
    const run = openSet(split, split.members, p.rules, centroidWeight);
    const d = dirAndRank1(run);
    return {
      pose: p.name,
      centroid_weight: centroidWeight,
      templates: run.templates,
      members_enrolled: run.enrolled,
      'dir_at_fpir_1e-2': round(d.dir),
      rank1: round(d.rank1),
    };
  }),
);

const chosen = openSet(split, split.members, PHOTO_RULES, CENTROID_WEIGHT);
const rng = new Rng(14);
const draws = Array.from({ length: 20 }, () =>
  openSet(split, rng.shuffle([...split.members]).slice(0, 87), PHOTO_RULES, CENTROID_WEIGHT),
);
interface SweepRow {
  threshold: number;
  margin: number;
  all307: { correct_name_rate: number; fpir: number };
  draws87: { correct_name_rate: number; fpir: number };
}
const sweep: SweepRow[] = [];
for (const threshold of grid(0.92, 0.96, 0.0025)) {
  for (const margin of [0, 0.005, 0.01, 0.015, 0.02, 0.03]) {
    const f = scorePolicy(chosen, threshold, margin);
    const d = draws.map((r) => scorePolicy(r, threshold, margin));
    const mean = (k: 'correct_name_rate' | 'fpir') => d.reduce((s, x) => s + x[k], 0) / d.length;
    sweep.push({
      threshold,
      margin,
      all307: { correct_name_rate: round(f.correct_name_rate), fpir: round(f.fpir) },
      draws87: { correct_name_rate: round(mean('correct_name_rate')), fpir: round(mean('fpir')) },
    });
  }
}
// A wrong name is worse than no name: a false name is counted as costly as ten missed ones.
const WRONG_NAME_COST = 10;
const value = (r: SweepRow) => r.all307.correct_name_rate - WRONG_NAME_COST * r.all307.fpir;
const best = sweep.reduce((a, b) => (value(b) > value(a) ? b : a));
const shipped = policyForStrictness(DEFAULT_SETTINGS.strictness);
const at = (r: ReturnType<typeof openSet>) => ({
  ...dirAndRank1(r),
  ...scorePolicy(r, shipped.threshold, shipped.margin),
});
const openSetSummary = {
  members: split.members.length,
  probes: chosen.probes.length,
  unknowns: chosen.unknowns.length,
  enrolment,
  shipped_enrolment: { rules: PHOTO_RULES, centroid_weight: CENTROID_WEIGHT, templates: chosen.templates },
  best_policy: { rule: `max correct_name_rate - ${WRONG_NAME_COST} x fpir, all 307 members enrolled`, ...best },
  shipped_policy: { threshold: round(shipped.threshold), margin: shipped.margin },
  at_shipped: { all307: roundAll(at(chosen)), draws87: roundAll(meanOf(draws.map(at))) },
  sweep,
};

function roundAll(o: Record<string, number>) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
}
function meanOf(rows: Record<string, number>[]) {
  const keys = Object.keys(rows[0] ?? {});
  return Object.fromEntries(keys.map((k) => [k, rows.reduce((s, r) => s + (r[k] ?? 0), 0) / rows.length]));
}

// --- the recogniser's chip: other crop geometries (--compare FILE,FILE: features computed with --zoom/--shiftY) --
const chips = [flag('features'), ...flag('compare', '').split(',').filter(Boolean)].map((file) => {
  const other = loadFeatures(file);
  const run = openSet(splitPeople(other.images), split.members, PHOTO_RULES, CENTROID_WEIGHT);
  const best = bestThreshold(scorePairs(new Map(other.images.map((i) => [i.path, i]))));
  return {
    file,
    engine_args: other.engineArgs,
    pairs_best_accuracy: round(best.accuracy),
    pairs_best_threshold: round(best.threshold),
    'dir_at_fpir_1e-2': round(dirAndRank1(run).dir),
  };
});

const out = writeOutput(flag('out', ''), {
  tuner: 'recognition',
  features_engine_args: engineArgs,
  chip_candidates: chips,
  verification,
  calibration,
  open_set: openSetSummary,
});
console.log(
  JSON.stringify({
    ...out,
    open_set: { ...openSetSummary, enrolment: `${enrolment.length} rows`, sweep: `${sweep.length} rows` },
  }),
);
