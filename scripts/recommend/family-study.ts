// How the tuner's candidate family (src/core/recommend/candidates.ts) was chosen: on validation folds cut from a
// shop's TRAINING baskets only (train on the first a %, validate on a..b %, for three consecutive tenths), never
// on an evaluation's queries. Prints, per fold, every family member and a few nearby variants, each with its
// HR@10 and its paired difference to the fold's best (with the standard error of that difference), and
// item2vec on top of the best co-occurrence form at three weights.
//   node scripts/recommend/run-ts.mjs scripts/recommend/family-study.ts --train FILE [--no-vectors]
import { readFileSync } from 'node:fs';
import { associations } from '../../src/core/recommend/build';
import { basketWeights, buildCooccurrence } from '../../src/core/recommend/cooccurrence';
import { candidateSettings, CANDIDATES } from '../../src/core/recommend/candidates';
import { DEFAULT_RECOMMENDER } from '../../src/core/recommend/defaults';
import { evaluate, makeQueries, type Scorer } from '../../src/core/recommend/evaluate';
import { HybridRecommender, usesCooccurrence, type CooccurrenceSettings } from '../../src/core/recommend/hybrid';
import { vectorNeighbours } from '../../src/core/recommend/neighbours';
import { trainSgns } from '../../src/core/recommend/sgns';
import { pairedStandardError } from '../../src/core/recommend/tuner';
import { buildVocab, encodeBaskets, parseBasketsTsv } from '../../src/core/recommend/vocab';

const args = process.argv.slice(2);
const trainFile = args.includes('--train') ? args[args.indexOf('--train') + 1] : undefined;
if (!trainFile) throw new Error('usage: family-study.ts --train FILE [--no-vectors]');
const all = parseBasketsTsv(readFileSync(trainFile, 'utf8'));
const FOLDS = [
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 1],
] as const;

/** Unweighted counts, as the regression variants read them. */
const RAW = { sizeExponent: 0, halfLife: 0, queryExponent: 0, itemExponent: 0, power: 1 };

/** Variants near the family, as (name, settings for a training set of n baskets). */
const VARIANTS: [string, (n: number) => CooccurrenceSettings][] = [
  ['together, size 1', () => ({ sizeExponent: 1, halfLife: 0, queryExponent: 0, itemExponent: 0, power: 1 })],
  ['cosine, squared', () => ({ sizeExponent: 0, halfLife: 0, queryExponent: 0.5, itemExponent: 0.5, power: 2 })],
  [
    'cosine-sharp, cubed',
    (n) => ({ sizeExponent: 0.5, halfLife: n / 2, queryExponent: 0.5, itemExponent: 0.5, power: 3 }),
  ],
  [
    'cosine-sharp, no recency',
    () => ({ sizeExponent: 0.5, halfLife: 0, queryExponent: 0.5, itemExponent: 0.5, power: 2 }),
  ],
  [
    'cosine-sharp, half-life n/4',
    (n) => ({ sizeExponent: 0.5, halfLife: n / 4, queryExponent: 0.5, itemExponent: 0.5, power: 2 }),
  ],
  [
    'cosine-sharp, size 1',
    (n) => ({ sizeExponent: 1, halfLife: n / 2, queryExponent: 0.5, itemExponent: 0.5, power: 2 }),
  ],
  [
    'item exponent 0.4, squared',
    (n) => ({ sizeExponent: 0.5, halfLife: n / 2, queryExponent: 0.5, itemExponent: 0.4, power: 2 }),
  ],
  ['item exponent 0.75', () => ({ sizeExponent: 0.5, halfLife: 0, queryExponent: 0.5, itemExponent: 0.75, power: 2 })],
  ...([0.05, 0.15, 0.5, 1.5] as const).map((ridgeShare): [string, () => CooccurrenceSettings] => [
    `regression, k 50, ridge ${ridgeShare}`,
    () => ({ ...RAW, regression: { neighbours: 50, ridgeShare } }),
  ]),
  ...([25, 100] as const).map((neighbours): [string, () => CooccurrenceSettings] => [
    `regression, k ${neighbours}, ridge 0.15`,
    () => ({ ...RAW, regression: { neighbours, ridgeShare: 0.15 } }),
  ]),
  [
    'regression, size 1, k 50, ridge 0.15',
    () => ({ ...RAW, sizeExponent: 1, regression: { neighbours: 50, ridgeShare: 0.15 } }),
  ],
  ['query exponent 1', () => ({ sizeExponent: 0, halfLife: 0, queryExponent: 1, itemExponent: 0.5, power: 1 })],
];

for (const [from, to] of FOLDS) {
  const train = all.slice(0, Math.floor(from * all.length));
  const held = all.slice(Math.floor(from * all.length), Math.floor(to * all.length));
  const vocab = buildVocab(train);
  const cases = makeQueries(held, vocab, 20261130, 1);
  const basketOf = cases.map((c) => c.basket ?? 0);
  const distinct = encodeBaskets(vocab, train, { distinct: true });
  const results: { name: string; hr: number; hits: Uint8Array; model?: HybridRecommender }[] = [];
  const run = (name: string, scorer: Scorer, model?: HybridRecommender) => {
    const m = evaluate(scorer, vocab, cases);
    results.push({
      name,
      hr: m.hr,
      hits: Uint8Array.from(m.ranks, (r) => (r <= 10 ? 1 : 0)),
      ...(model ? { model } : {}),
    });
  };
  const cooccurrence = (c: CooccurrenceSettings) => {
    const counts = buildCooccurrence(distinct, vocab.codes.length, { basketWeights: basketWeights(distinct, c) });
    return new HybridRecommender(vocab, associations(counts, c), undefined, {
      ...DEFAULT_RECOMMENDER,
      cooccurrence: c,
    });
  };
  for (const candidate of CANDIDATES) {
    const c = candidateSettings(candidate.name, train.length, DEFAULT_RECOMMENDER, false).cooccurrence;
    if (!usesCooccurrence(c)) run(candidate.name, { scoreInto() {} });
    else {
      const model = cooccurrence(c);
      run(candidate.name, model, model);
    }
  }
  const familyCount = results.length;
  for (const [name, settings] of VARIANTS) run(`(${name})`, cooccurrence(settings(train.length)));
  const family = results.slice(0, familyCount);
  const best = family.reduce((x, y) => (y.hr > x.hr ? y : x));
  console.log(`fold: train ${train.length} baskets, validate on the next ${held.length} (${cases.length} cases)`);
  for (const r of results)
    console.log(
      `  ${r.name.padEnd(32)} HR@10 ${r.hr.toFixed(3)}   vs ${best.name}: ${(r.hr - best.hr).toFixed(3)} ± ${pairedStandardError(r.hits, best.hits, basketOf).toFixed(3)}`,
    );
  if (!args.includes('--no-vectors') && best.model) {
    const v = DEFAULT_RECOMMENDER.vectors;
    const { vectors } = trainSgns(encodeBaskets(vocab, train), vocab.codes.length, v.sgns);
    const neighbours = vectorNeighbours(vectors, { k: v.neighbours, power: v.power });
    for (const weight of [0.05, 0.2, 1]) {
      const settings = { ...best.model.settings, vectors: { ...v, weight } };
      const hits = Uint8Array.from(
        evaluate(new HybridRecommender(vocab, best.model.cooccurrence, neighbours, settings), vocab, cases).ranks,
        (r) => (r <= 10 ? 1 : 0),
      );
      const hr = hits.reduce((s, x) => s + x, 0) / hits.length;
      console.log(
        `  ${`${best.name} + item2vec, weight ${weight}`.padEnd(32)} HR@10 ${hr.toFixed(3)}   vs ${best.name}: ${(hr - best.hr).toFixed(3)} ± ${pairedStandardError(hits, best.hits, basketOf).toFixed(3)}`,
      );
    }
  }
}
