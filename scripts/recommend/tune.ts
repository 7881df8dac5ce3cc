// Runs the app's own tuner (src/core/recommend/tuner.ts) on a basket file in Node and prints its validation
// table: what every candidate scored on the shop's most recent baskets, and which one was chosen. It reads only
// the training baskets, never an evaluation's queries. The same tuning runs in the app's worker at every
// training and in `npm run eval -- recommend`; this is the quick way to see it without a browser.
//   node scripts/recommend/run-ts.mjs scripts/recommend/tune.ts --train FILE [--seed N] [--no-vectors]
import { readFileSync } from 'node:fs';
import { DEFAULT_RECOMMENDER } from '../../src/core/recommend/defaults';
import { TUNER_DEFAULTS, tuneRecommender } from '../../src/core/recommend/tuner';
import { parseBasketsTsv } from '../../src/core/recommend/vocab';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
const trainFile = flag('train');
if (!trainFile) throw new Error('usage: tune.ts --train FILE [--seed N] [--no-vectors]');
const seed = Number(flag('seed') ?? TUNER_DEFAULTS.seed);
const base = args.includes('--no-vectors')
  ? { ...DEFAULT_RECOMMENDER, vectors: { ...DEFAULT_RECOMMENDER.vectors, enabled: false } }
  : DEFAULT_RECOMMENDER;

const baskets = parseBasketsTsv(readFileSync(trainFile, 'utf8'));
const report = tuneRecommender(baskets, base, { ...TUNER_DEFAULTS, seed });
console.log(
  `${report.baskets} baskets: ${report.trainBaskets} to train, the last ${report.heldBaskets} held out; ` +
    `${report.validationBaskets} gave validation cases, ${report.cases} cases over ${report.draws} draw(s); seed ${seed}`,
);
for (const s of report.scores)
  console.log(
    `  ${s.name.padEnd(22)} tier ${s.tier}  HR@10 ${s.hr.toFixed(4)}  MRR@10 ${s.mrr.toFixed(4)}  coverage ${s.coverage.toFixed(3)}`,
  );
console.log(`chosen: ${report.chosen} (${report.mode}); tuning took ${report.seconds.toFixed(1)} s`);
console.log(JSON.stringify(report));
