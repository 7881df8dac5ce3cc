// How item2vec draws its training data: negatives from a unigram^exponent distribution (an alias table) and
// word2vec's subsampling of frequent items. Both are consulted inside the training loop (sgns.ts).

/**
 * The negative-sampling table: draws item ids with probability proportional to count^exponent. It is an alias
 * table (Walker's method) rather than word2vec's long repeated-id array: two vocabulary-sized arrays that stay in
 * cache, exact probabilities, and one 32-bit random number per draw. (With a 4 MB id array, the cache misses of
 * the random lookups cost about 15 % of training time.)
 */
export interface NegativeTable {
  /** Per slot: the slot's own id is kept when the draw's fraction is below this (scaled to 2^32). */
  readonly threshold: Float64Array;
  /** Per slot: the id drawn otherwise. */
  readonly alias: Int32Array;
}

export function negativeTable(counts: ArrayLike<number>, exponent: number): NegativeTable {
  const n = counts.length;
  const threshold = new Float64Array(n);
  const alias = Int32Array.from({ length: n }, (_, i) => i);
  let total = 0;
  for (let i = 0; i < n; i++) if ((counts[i] as number) > 0) total += Math.pow(counts[i] as number, exponent);
  if (total === 0) return { threshold, alias };
  // Scaled weights: mean 1 per slot. Split slots into under- and over-full, pair each under-full slot with an
  // over-full donor (Vose's variant of the alias method).
  const weight = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = counts[i] as number;
    weight[i] = c > 0 ? (Math.pow(c, exponent) * n) / total : 0;
    ((weight[i] as number) < 1 ? small : large).push(i);
  }
  while (small.length && large.length) {
    const s = small.pop();
    if (s === undefined) break;
    const l = large[large.length - 1] as number;
    threshold[s] = (weight[s] as number) * 4294967296;
    alias[s] = l;
    const remaining = (weight[l] as number) + (weight[s] as number) - 1;
    weight[l] = remaining;
    if (remaining < 1) {
      large.pop();
      small.push(l);
    }
  }
  // Leftovers are full slots (up to rounding).
  for (const i of [...small, ...large]) {
    threshold[i] = 4294967296;
    alias[i] = i;
  }
  return { threshold, alias };
}

/** Draw one id from the table, given a uniform 32-bit integer. */
export function drawNegative(table: NegativeTable, u32: number): number {
  const x = u32 * table.threshold.length;
  const slot = Math.floor(x / 4294967296);
  const fraction = x - slot * 4294967296;
  return fraction < (table.threshold[slot] as number) ? slot : (table.alias[slot] as number);
}

/** word2vec's keep probability for an item with `count` occurrences out of `total`, for threshold `sample`. */
export function keepProbability(count: number, total: number, sample: number): number {
  if (sample <= 0 || count === 0) return 1;
  const t = sample * total;
  return Math.min(1, (Math.sqrt(count / t) + 1) * (t / count));
}
