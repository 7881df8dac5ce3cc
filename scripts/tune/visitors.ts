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

const DAY = 24 * 3600_000;
function run(policy: VisitorPolicy, identityGate: IdentityGate) {
  const registry = new VisitorRegistry(policy, falseMatchRate, DAY);
  const score = scoreVisitorCounting(replayVisits(visits, registry, { identityGate }));
  return {
    ...score,
    unique_error: round(score.unique_error),
    false_merge_rate: round(score.false_merge_rate),
    false_split_rate: round(score.false_split_rate),
    final_threshold: registry.threshold,
  };
}

const rows: { kind: string; policy: VisitorPolicy; gate: IdentityGate }[] = [];
const fixed = (t: number, margin: number) => ({ falseMergeBudget: 1, minThreshold: t, maxThreshold: t, margin });
// The policy before: one fixed threshold (the verification one), no margin, the gate before.
rows.push({ kind: 'before', policy: fixed(0.905, 0), gate: IDENTITY_GATE });
for (const t of [0.925, 0.945, 0.955]) rows.push({ kind: 'fixed', policy: fixed(t, 0.01), gate: IDENTITY_GATE });
// Thresholds rising with the number of visitors stored, margins, and head-turn gates on the frames used.
for (const maxYaw of [25, 35, 45, 60, 90])
  for (const falseMergeBudget of [0.005, 0.01, 0.02])
    for (const margin of [0.01, 0.015, 0.02])
      rows.push({
        kind: 'budget',
        policy: { falseMergeBudget, minThreshold: 0.9, maxThreshold: 0.97, margin },
        gate: { ...IDENTITY_GATE, maxYaw },
      });

const results = rows.map((r, i) => {
  if (i % 10 === 0) process.stderr.write(`${i}/${rows.length} policies\n`);
  return { ...r, ...run(r.policy, r.gate) };
});
// Merges collapse the counts: the fewest false splits among the policies merging at most 1 % of newcomers.
const MAX_MERGE_RATE = 0.01;
const best = results
  .filter((r) => r.false_merge_rate <= MAX_MERGE_RATE)
  .reduce((a, b) => (b.false_split_rate < a.false_split_rate ? b : a));
const people = new Set(visitRows.map((r) => r.person)).size;
const out = writeOutput(flag('out', ''), {
  tuner: 'visitors',
  features_engine_args: engineArgs,
  visits: visitRows.length,
  people,
  rule: `fewest false splits with false_merge_rate <= ${MAX_MERGE_RATE}`,
  best,
  shipped: { policy: VISITOR_POLICY, gate: IDENTITY_GATE, ...run(VISITOR_POLICY, IDENTITY_GATE) },
  results,
});
console.log(JSON.stringify({ ...out, results: `${results.length} rows` }));
