// Chooses the recommender's default settings on our own validation split, never on the scored test queries:
// the last 10 % of the TRAINING baskets are held out, queries are drawn from them with the same protocol
// (three independent draws to halve the noise), and each setting is scored there. Node, no browser: the core
// modules are pure. Run: node scripts/recommend/tune.mjs --train ../shared/data/retail/online-retail/train.tsv
import { readFileSync } from 'node:fs';
import { basketWeights, buildCooccurrence, toSimilarity } from '../../src/core/recommend/cooccurrence';
import { evaluate, makeQueries, splitBaskets } from '../../src/core/recommend/evaluate';
import { HybridRecommender, type HybridSettings } from '../../src/core/recommend/hybrid';
import { vectorNeighbours } from '../../src/core/recommend/neighbours';
import { trainSgns } from '../../src/core/recommend/sgns';
import { buildVocab, encodeBaskets, parseBasketsTsv } from '../../src/core/recommend/vocab';
import { DEFAULT_RECOMMENDER } from '../../src/core/recommend/defaults';

const args = process.argv.slice(2);
const trainFile = args[args.indexOf('--train') + 1];
if (!trainFile) throw new Error('usage: tune --train FILE [--stage cooc|vectors]');
const stage = args.includes('--stage') ? args[args.indexOf('--stage') + 1] : 'all';

const all = parseBasketsTsv(readFileSync(trainFile, 'utf8'));
const { train, held } = splitBaskets(all, 0.1);
const vocab = buildVocab(train);
const cases = makeQueries(held, vocab, 20261130, 3);
const distinct = encodeBaskets(vocab, train, { distinct: true });
console.log(`validation: ${train.length} train baskets, ${cases.length} cases, ${vocab.codes.length} items`);

const base = DEFAULT_RECOMMENDER;
function score(settings: HybridSettings, neighbours?: ReturnType<typeof vectorNeighbours>) {
  const c = settings.cooccurrence;
  const counts = buildCooccurrence(distinct, vocab.codes.length, {
    basketWeights: basketWeights(distinct, { sizeExponent: c.sizeExponent, halfLife: c.halfLife }),
  });
  const model = new HybridRecommender(vocab, toSimilarity(counts, c), neighbours, settings);
  const m = evaluate(model, vocab, cases);
  return { hr: +m.hr.toFixed(4), mrr: +m.mrr.toFixed(4), coverage: +m.coverage.toFixed(3) };
}

let cooc = base.cooccurrence;
if (stage === 'all' || stage === 'cooc') {
  let best = { hr: 0, settings: cooc };
  for (const sizeExponent of [0, 0.5, 1])
    for (const halfLife of [0, 8000])
      for (const power of [1, 2, 3])
        for (const [queryExponent, itemExponent] of [
          [0.5, 0.5],
          [0.3, 0.5],
          [0.5, 0.7],
        ] as const) {
          const c = { sizeExponent, halfLife, power, queryExponent, itemExponent };
          const r = score({ ...base, cooccurrence: c, vectors: { ...base.vectors, enabled: false } });
          console.log(JSON.stringify({ cooc: c, ...r }));
          if (r.hr > best.hr) best = { hr: r.hr, settings: c };
        }
  console.log('best co-occurrence', JSON.stringify(best));
  cooc = best.settings;
}

if (stage === 'all' || stage === 'vectors') {
  // Training speed matters in the shop (the Products screen's button, the demo's first run), so the sweep
  // starts from a light configuration and only grows it if that pays on validation.
  const configs = [
    { dim: 32, epochs: 5, negative: 5, maxContext: 8 },
    { dim: 64, epochs: 10, negative: 10, maxContext: 16 },
  ];
  for (const sgnsOverride of configs) {
    const sgns = { ...base.vectors.sgns, ...sgnsOverride };
    const t0 = performance.now();
    const { vectors } = trainSgns(encodeBaskets(vocab, train), vocab.codes.length, sgns);
    const seconds = +((performance.now() - t0) / 1000).toFixed(1);
    for (const power of [3, 6]) {
      const neighbours = vectorNeighbours(vectors, { k: base.vectors.neighbours, power });
      for (const weight of [0.005, 0.02, 0.05, 0.1])
        for (const evidenceScale of [Infinity, 10, 50]) {
          const v = { ...base.vectors, sgns, power, weight, evidenceScale, lengthScale: Infinity };
          const r = score({ cooccurrence: cooc, vectors: v }, neighbours);
          console.log(
            JSON.stringify({ ...sgnsOverride, power, weight, evidenceScale: String(evidenceScale), seconds, ...r }),
          );
        }
    }
  }
}
