// The offline evaluation protocol of the project's retail data (see its README): hide one random distinct item
// of a basket, query with the others, and score where the hidden item lands among all training items. It is a
// pure function of a scorer so the same code scores validation runs (tuning) and the final test queries, and
// it includes the builder of a validation split that replays the protocol inside the training baskets, so
// settings can be chosen without touching the test queries.
import { Rng } from '../random/prng';
import { rankOf, topK } from './ranking';
import { distinctItems, encodeQuery, type Basket, type Vocab } from './vocab';

/** One evaluation case: the hidden item and the basket's other distinct items. */
export interface QueryCase {
  readonly target: string;
  readonly query: readonly string[];
  /** Index of the basket the case was drawn from (validation cases), so repeated draws can be grouped. */
  readonly basket?: number;
}

/** Anything that scores every vocabulary item for a query of item ids (higher is better; ties by smaller id). */
export interface Scorer {
  scoreInto(query: readonly number[], out: Float64Array): void;
}

export interface Metrics {
  /** Cases scored (cases whose target is outside the vocabulary are skipped, as in the protocol). */
  readonly cases: number;
  readonly hr: number;
  readonly mrr: number;
  readonly ndcg: number;
  /** Distinct items appearing in any top-k list, over the vocabulary size. */
  readonly coverage: number;
}

/** Parse `target<TAB>q1<TAB>q2…` lines (the format of test-queries.tsv). */
export function parseQueriesTsv(text: string): QueryCase[] {
  const out: QueryCase[] = [];
  for (let line of text.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.length === 0) continue;
    const [target = '', ...query] = line.split('\t');
    out.push({ target, query });
  }
  return out;
}

/**
 * Protocol step 2 on `baskets`: for each basket with >= 2 distinct items, one uniformly drawn distinct item is the
 * target and the others are the query. Cases whose target is not in `vocab` are dropped. `draws` > 1 repeats the
 * whole draw independently (each repeat is one run of the protocol) to reduce the noise of validation figures.
 */
export function makeQueries(baskets: readonly Basket[], vocab: Vocab, seed: number, draws = 1): QueryCase[] {
  const rng = new Rng(seed);
  const out: QueryCase[] = [];
  for (let r = 0; r < draws; r++) {
    baskets.forEach((basket, b) => {
      const distinct = distinctItems(basket);
      if (distinct.length < 2) return;
      const i = rng.nextInt(distinct.length);
      const target = distinct[i] as string;
      if (!vocab.index.has(target)) return;
      out.push({ target, query: distinct.filter((_, j) => j !== i), basket: b });
    });
  }
  return out;
}

/** Protocol step 1 on training baskets: the first floor((1 - fraction) N) baskets train, the rest validate. */
export function splitBaskets<T>(baskets: readonly T[], fraction = 0.1): { train: T[]; held: T[] } {
  const cut = Math.floor((1 - fraction) * baskets.length);
  return { train: baskets.slice(0, cut), held: baskets.slice(cut) };
}

/**
 * Protocol step 3: rank of each target among all vocabulary items except the query's, and the metrics.
 * `shouldStop` is polled every 128 cases (training in the worker is cancelled that way); true throws an AbortError.
 */
export function evaluate(
  scorer: Scorer,
  vocab: Vocab,
  cases: readonly QueryCase[],
  k = 10,
  shouldStop?: () => boolean,
): Metrics & { ranks: number[] } {
  const size = vocab.codes.length;
  const scores = new Float64Array(size);
  const excluded = new Uint8Array(size);
  const shown = new Uint8Array(size);
  const ranks: number[] = [];
  let hits = 0;
  let mrr = 0;
  let ndcg = 0;
  for (const [n, c] of cases.entries()) {
    if (shouldStop && n % 128 === 0 && shouldStop()) throw new DOMException('Evaluation cancelled', 'AbortError');
    const target = vocab.index.get(c.target);
    if (target === undefined) continue;
    const query = encodeQuery(vocab, c.query).filter((id) => id !== target);
    scores.fill(0);
    scorer.scoreInto(query, scores);
    for (const q of query) excluded[q] = 1;
    const r = rankOf(scores, target, excluded);
    for (const id of topK(scores, k, excluded)) shown[id] = 1;
    for (const q of query) excluded[q] = 0;
    ranks.push(r);
    if (r <= k) {
      hits++;
      mrr += 1 / r;
      ndcg += 1 / Math.log2(r + 1);
    }
  }
  const n = ranks.length;
  let covered = 0;
  for (const s of shown) covered += s;
  return {
    cases: n,
    hr: n ? hits / n : NaN,
    mrr: n ? mrr / n : NaN,
    ndcg: n ? ndcg / n : NaN,
    coverage: size ? covered / size : NaN,
    ranks,
  };
}
