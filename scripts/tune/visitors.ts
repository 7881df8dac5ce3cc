// npm run tune -- visitors --features FILE --visits FILE [--out FILE]
// Chooses the anonymous re-identification policy on the tuning folder's day of visits (lfw-tune/visits.tsv,
// nobody enrolled), replaying every candidate through the app's own counter session and visitor registry over
// the engine outputs cached by `npm run eval -- features`: fixed thresholds (the old policy), thresholds that
// rise with the number of visitors stored (a budget of expected false merges per newcomer), margins over the
// second best, and head-turn gates on the frames a decision may use.
import { scoreVisitorCounting } from '../../src/core/eval/visitor-counting';
import { ageBand } from '../../src/core/face/attributes';
import { genderFrom } from '../../src/core/face/attributes';
import { VISITOR_POLICY } from '../../src/core/recognition/defaults';
import { falseMatchRate } from '../../src/core/recognition/strictness';
import { Rng } from '../../src/core/random/prng';
import { VisitorRegistry, type VisitorPolicy } from '../../src/core/tracking/visitors';
import type { FaceResult } from '../../src/shared/face-engine-api';
import { type ReplayVisit, replayVisits } from '../harness/page/visit-replay';
import { type CachedFace, flag, loadFeatures, readTsv, writeOutput } from './cache';
import { IDENTITY_GATE, type IdentityGate } from '../../src/core/counter/visit-evidence';

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const { images, engineArgs } = loadFeatures(flag('features'));
const byPath = new Map(images.map((i) => [i.path, i]));
const visitRows = readTsv(flag('visits'));

/** A cached face as the engine reported it. */
function asFace(f: CachedFace | undefined): FaceResult | undefined {
  if (!f?.embedding) return undefined;
  return {
    box: f.box,
    score: f.score,
    keypoints: [],
    quality: f.quality,
    embedding: f.embedding,
    attributes: {
      ...(f.age !== undefined ? { age: { years: f.age, band: ageBand(f.age) } } : {}),
      ...(f.male !== undefined ? { gender: genderFrom(f.male) } : {}),
    },
    thumbnail: new Uint8Array(256),
  };
}

const visits: ReplayVisit[] = visitRows.map((r) => ({
  person: r.person ?? '',
  faces: (r.images ?? '').split(',').map((p) => asFace(byPath.get(p.trim())?.subject)),
}));
// A busy day is not the only day: four days made of about half the people (their visits only, in the same order),
// so a policy is judged with about 480 visitors stored by the evening as well as about 1,040.
const names = [...new Set(visits.map((v) => v.person))];
const halfDays = [1, 2, 3, 4].map((seed) => {
  const keep = new Set(new Rng(seed).shuffle([...names]).slice(0, Math.round(names.length * 0.46)));
  return visits.filter((v) => keep.has(v.person));
});

const DAY = 24 * 3600_000;
function replay(day: readonly ReplayVisit[], policy: VisitorPolicy, identityGate: IdentityGate) {
  const registry = new VisitorRegistry(policy, falseMatchRate, DAY);
  return {
    ...scoreVisitorCounting(replayVisits(day, registry, { identityGate })),
    final_threshold: registry.threshold,
  };
}
function run(policy: VisitorPolicy, identityGate: IdentityGate) {
  const full = replay(visits, policy, identityGate);
  const halves = halfDays.map((d) => replay(d, policy, identityGate));
  const mean = (k: 'false_merge_rate' | 'false_split_rate' | 'unique_error') =>
    round(halves.reduce((s, h) => s + h[k], 0) / halves.length);
  return {
    full: {
      ...full,
      unique_error: round(full.unique_error),
      false_merge_rate: round(full.false_merge_rate),
      false_split_rate: round(full.false_split_rate),
    },
    half_days: {
      people: Math.round(halves.reduce((s, h) => s + h.true_unique, 0) / halves.length),
      false_merge_rate: mean('false_merge_rate'),
      false_split_rate: mean('false_split_rate'),
      unique_error: mean('unique_error'),
    },
  };
}

const rows: { kind: string; policy: VisitorPolicy; gate: IdentityGate }[] = [];
const fixed = (t: number, margin: number) => ({ falseMergeBudget: 1, minThreshold: t, maxThreshold: t, margin });
// The policy before: one fixed threshold (the verification one), no margin.
rows.push({ kind: 'before', policy: fixed(0.905, 0), gate: IDENTITY_GATE });
// A threshold of its own with a margin; the same with a threshold that rises once the expected false merges per
// newcomer (visitors stored x false-match rate) would exceed a budget; and budget-driven thresholds alone.
for (const minThreshold of [0.945, 0.95, 0.9525, 0.955])
  for (const falseMergeBudget of [Infinity, 0.02, 0.01, 0.005])
    for (const margin of [0.01, 0.015, 0.02])
      rows.push({
        kind: falseMergeBudget === Infinity ? 'fixed' : 'floor+budget',
        policy: { falseMergeBudget, minThreshold, maxThreshold: 0.97, margin },
        gate: IDENTITY_GATE,
      });
for (const falseMergeBudget of [0.005, 0.01, 0.02])
  for (const margin of [0.01, 0.015, 0.02])
    rows.push({
      kind: 'budget',
      policy: { falseMergeBudget, minThreshold: 0.9, maxThreshold: 0.97, margin },
      gate: IDENTITY_GATE,
    });
// Head-turn gates on the frames a decision may use, with the shipped policy.
for (const maxYaw of [25, 45]) rows.push({ kind: 'gate', policy: VISITOR_POLICY, gate: { ...IDENTITY_GATE, maxYaw } });

const results = rows.map((r, i) => {
  if (i % 10 === 0) process.stderr.write(`${i}/${rows.length} policies\n`);
  return { ...r, ...run(r.policy, r.gate) };
});
// Merges collapse the counts: the fewest false splits among the policies that merge at most 1.5 % of newcomers
// (three quarters of the 2 % the issue allows, kept as headroom for unseen people) on the full day and on the
// half days alike. Only policies whose threshold keeps the expected false merges per newcomer within a budget as
// visitors accumulate are eligible, so that the bound still holds on days busier than this one; the fixed
// thresholds are measured for comparison.
const MAX_MERGE_RATE = 0.015;
const ok = results.filter(
  (r) =>
    Number.isFinite(r.policy.falseMergeBudget) &&
    r.kind !== 'gate' &&
    r.full.false_merge_rate <= MAX_MERGE_RATE &&
    r.half_days.false_merge_rate <= MAX_MERGE_RATE,
);
const splits = (r: (typeof results)[number]) => r.full.false_split_rate + r.half_days.false_split_rate;
const best = ok.reduce((a, b) => (splits(b) < splits(a) ? b : a));
const people = new Set(visitRows.map((r) => r.person)).size;
const out = writeOutput(flag('out', ''), {
  tuner: 'visitors',
  features_engine_args: engineArgs,
  visits: visitRows.length,
  people,
  note: 'falseMergeBudget null: no budget (a fixed threshold); half_days: means over four days of ~46 % of the people',
  rule: `fewest false splits (full day + half days) with false_merge_rate <= ${MAX_MERGE_RATE} on both, among policies with a finite false-merge budget`,
  best,
  shipped: { policy: VISITOR_POLICY, gate: IDENTITY_GATE, ...run(VISITOR_POLICY, IDENTITY_GATE) },
  results,
});
console.log(JSON.stringify({ ...out, results: `${results.length} rows` }));
