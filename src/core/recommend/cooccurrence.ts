// Basket co-occurrence: how many baskets contain both item i and item j, stored as a sparse symmetric matrix in
// CSR form (row pointers, sorted column ids, values) so a query only touches the rows of its own items. On the
// project's retail data this is the strongest single signal for "what else goes in this basket"; its cosine
// normalisation, count / sqrt(n_i * n_j), is the README's best single-method baseline.
import type { EncodedBaskets } from './vocab';

export interface Cooccurrence {
  readonly size: number;
  /** Row r spans cols/values[rowPtr[r] .. rowPtr[r + 1]). */
  readonly rowPtr: Int32Array;
  /** Column ids, ascending within a row; the diagonal is not stored. */
  readonly cols: Int32Array;
  /** (Weighted) number of baskets containing both items. */
  readonly values: Float32Array;
  /** (Weighted) number of baskets containing each item (n_i). */
  readonly itemBaskets: Float64Array;
}

export interface CooccurrenceOptions {
  /** Weight per basket (e.g. for recency); default 1 each. */
  readonly basketWeights?: ArrayLike<number>;
}

export interface BasketWeighting {
  /** Each basket counts 1 / (distinct items)^sizeExponent: huge wholesale baskets say less about each pair. */
  readonly sizeExponent: number;
  /** Half-life in baskets, counted back from the newest (baskets are in time order); 0 = no recency weighting. */
  readonly halfLife: number;
}

/** Per-basket weights for `buildCooccurrence`. */
export function basketWeights(corpus: EncodedBaskets, weighting: BasketWeighting): Float64Array {
  const { items, offsets } = corpus;
  const n = offsets.length - 1;
  const weights = new Float64Array(n);
  const seen = new Set<number>();
  for (let b = 0; b < n; b++) {
    seen.clear();
    for (let p = offsets[b] as number; p < (offsets[b + 1] as number); p++) seen.add(items[p] as number);
    const size = Math.max(1, seen.size);
    const age = n - 1 - b;
    weights[b] =
      Math.pow(size, -weighting.sizeExponent) * (weighting.halfLife > 0 ? Math.pow(0.5, age / weighting.halfLife) : 1);
  }
  return weights;
}

/** Count co-occurrences; an item listed twice in a basket counts once. Ids must lie in [0, size). */
export function buildCooccurrence(
  corpus: EncodedBaskets,
  size: number,
  options: CooccurrenceOptions = {},
): Cooccurrence {
  return buildCooccurrences(corpus, size, [options.basketWeights])[0] as Cooccurrence;
}

/**
 * The same counts under several basket weightings at once (undefined = 1 per basket): one pass over the
 * baskets fills them all, and they share one sparsity pattern (rowPtr, cols). The tuner compares candidates
 * that weight baskets differently, and building each separately would cost a pass each.
 */
export function buildCooccurrences(
  corpus: EncodedBaskets,
  size: number,
  weightings: readonly (ArrayLike<number> | undefined)[],
): Cooccurrence[] {
  const { items, offsets } = corpus;
  const basketCount = offsets.length - 1;
  const sets = weightings.length;
  const weightOf = (k: number, b: number) => {
    const w = weightings[k];
    return w ? (w[b] as number) : 1;
  };

  // Distinct items per basket (stamp array instead of a Set per basket).
  const stamp = new Int32Array(size).fill(-1);
  const distinctItems = new Int32Array(items.length);
  const distinctOffsets = new Int32Array(basketCount + 1);
  let n = 0;
  for (let b = 0; b < basketCount; b++) {
    for (let p = offsets[b] as number; p < (offsets[b + 1] as number); p++) {
      const id = items[p] as number;
      if (stamp[id] === b) continue;
      stamp[id] = b;
      distinctItems[n++] = id;
    }
    distinctOffsets[b + 1] = n;
  }

  // Basket weights laid out basket-major, so the inner loop reads one contiguous run per basket.
  const weights = new Float64Array(basketCount * sets);
  for (let b = 0; b < basketCount; b++) for (let k = 0; k < sets; k++) weights[b * sets + k] = weightOf(k, b);

  // Inverted index: the baskets of each item.
  const itemBaskets = Array.from({ length: sets }, () => new Float64Array(size));
  const postingPtr = new Int32Array(size + 1);
  for (let p = 0; p < n; p++) {
    const slot = (distinctItems[p] as number) + 1;
    postingPtr[slot] = (postingPtr[slot] as number) + 1;
  }
  for (let i = 0; i < size; i++) postingPtr[i + 1] = (postingPtr[i + 1] as number) + (postingPtr[i] as number);
  const postings = new Int32Array(n);
  const fill = postingPtr.slice(0, size);
  for (let b = 0; b < basketCount; b++) {
    for (let p = distinctOffsets[b] as number; p < (distinctOffsets[b + 1] as number); p++) {
      const id = distinctItems[p] as number;
      const at = fill[id] as number;
      fill[id] = at + 1;
      postings[at] = b;
      for (let k = 0; k < sets; k++) {
        const counts = itemBaskets[k] as Float64Array;
        counts[id] = (counts[id] as number) + (weights[b * sets + k] as number);
      }
    }
  }

  // One row at a time: accumulate into a dense scratch row (sets values per item), then emit the touched
  // columns in order.
  const acc = new Float64Array(size * sets);
  const touched = new Int32Array(size);
  const mark = new Uint8Array(size);
  const rowPtr = new Int32Array(size + 1);
  let cols = new Int32Array(1 << 16);
  let values = Array.from({ length: sets }, () => new Float32Array(1 << 16));
  let nnz = 0;
  for (let i = 0; i < size; i++) {
    let t = 0;
    for (let q = postingPtr[i] as number; q < (postingPtr[i + 1] as number); q++) {
      const b = postings[q] as number;
      for (let p = distinctOffsets[b] as number; p < (distinctOffsets[b + 1] as number); p++) {
        const j = distinctItems[p] as number;
        if (j === i) continue;
        if (!mark[j]) {
          mark[j] = 1;
          touched[t++] = j;
        }
        for (let k = 0; k < sets; k++)
          acc[j * sets + k] = (acc[j * sets + k] as number) + (weights[b * sets + k] as number);
      }
    }
    const row = touched.subarray(0, t).sort();
    if (nnz + t > cols.length) {
      const grown = Math.max(cols.length * 2, nnz + t);
      const c2 = new Int32Array(grown);
      c2.set(cols.subarray(0, nnz));
      cols = c2;
      values = values.map((v) => {
        const v2 = new Float32Array(grown);
        v2.set(v.subarray(0, nnz));
        return v2;
      });
    }
    for (const j of row) {
      cols[nnz] = j;
      for (let k = 0; k < sets; k++) {
        (values[k] as Float32Array)[nnz] = acc[j * sets + k] as number;
        acc[j * sets + k] = 0;
      }
      nnz++;
      mark[j] = 0;
    }
    rowPtr[i + 1] = nnz;
  }
  const sharedCols = cols.slice(0, nnz);
  return values.map((v, k) => ({
    size,
    rowPtr,
    cols: sharedCols,
    values: v.slice(0, nnz),
    itemBaskets: itemBaskets[k] as Float64Array,
  }));
}

/** Co-occurrence count of i and j (binary search in row i; the counts share the similarity's CSR layout). */
export function cooccurrenceCount(m: Cooccurrence, i: number, j: number): number {
  return similarityValue(m, i, j);
}

export interface SimilarityOptions {
  /** Exponent of the query item's basket count in the denominator (0.5 with itemExponent 0.5 = cosine). */
  readonly queryExponent: number;
  /** Exponent of the candidate's basket count in the denominator. */
  readonly itemExponent: number;
  /**
   * Sharpening: each similarity is raised to this power before query items' contributions are summed, so one
   * strong association outweighs many weak ones (a "locality" exponent; 1 = plain sum).
   */
  readonly power: number;
}

/** Item-to-item association: the same sparsity as the counts, one directed weight q -> j per stored entry. */
export interface Similarity {
  readonly size: number;
  readonly rowPtr: Int32Array;
  readonly cols: Int32Array;
  /** (count(q, j) / (n_q^queryExponent * n_j^itemExponent))^power, for row q and column j. */
  readonly values: Float32Array;
}

export function toSimilarity(m: Cooccurrence, options: SimilarityOptions): Similarity {
  const { rowPtr, cols, values: counts, itemBaskets, size } = m;
  const { queryExponent, itemExponent, power } = options;
  const itemNorm = Float64Array.from(itemBaskets, (n) => (n > 0 ? Math.pow(n, itemExponent) : 1));
  const values = new Float32Array(counts.length);
  for (let q = 0; q < size; q++) {
    const nq = itemBaskets[q] as number;
    const queryNorm = nq > 0 ? Math.pow(nq, queryExponent) : 1;
    for (let p = rowPtr[q] as number; p < (rowPtr[q + 1] as number); p++) {
      const s = (counts[p] as number) / (queryNorm * (itemNorm[cols[p] as number] as number));
      values[p] = power === 1 ? s : power === 2 ? s * s : Math.pow(s, power);
    }
  }
  return { size, rowPtr, cols, values };
}

/** Add sum over query items q of weight_q * sim(q, j) into `out[j]`; `weights` defaults to 1 per query item. */
export function addSimilarityScores(
  sim: Similarity,
  query: readonly number[],
  out: Float64Array,
  weights?: readonly number[],
): void {
  const { rowPtr, cols, values } = sim;
  query.forEach((q, qi) => {
    const w = weights ? (weights[qi] as number) : 1;
    for (let p = rowPtr[q] as number; p < (rowPtr[q + 1] as number); p++) {
      const j = cols[p] as number;
      out[j] = (out[j] as number) + w * (values[p] as number);
    }
  });
}

/** The stored value of row q, column j (0 when absent), by binary search in the sorted row. */
export function similarityValue(sim: Similarity, q: number, j: number): number {
  let lo = sim.rowPtr[q] as number;
  let hi = (sim.rowPtr[q + 1] as number) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = sim.cols[mid] as number;
    if (c === j) return sim.values[mid] as number;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/**
 * Re-index a similarity graph built over `fromCodes` onto the ids of `toIndex` (a newer vocabulary): rows and
 * columns of codes that no longer exist are dropped, new codes get empty rows. This lets saved item2vec
 * neighbours serve a vocabulary rebuilt from newer sales without retraining.
 */
export function remapSimilarity(
  sim: Similarity,
  fromCodes: readonly string[],
  toIndex: ReadonlyMap<string, number>,
  toSize: number,
): Similarity {
  const idOf = Int32Array.from(fromCodes, (code) => toIndex.get(code) ?? -1);
  const rows: { cols: number[]; values: number[] }[] = Array.from({ length: toSize }, () => ({ cols: [], values: [] }));
  for (let q = 0; q < sim.size; q++) {
    const to = idOf[q] as number;
    if (to < 0) continue;
    const row = rows[to] as { cols: number[]; values: number[] };
    const entries: [number, number][] = [];
    for (let p = sim.rowPtr[q] as number; p < (sim.rowPtr[q + 1] as number); p++) {
      const j = idOf[sim.cols[p] as number] as number;
      if (j >= 0) entries.push([j, sim.values[p] as number]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    for (const [j, v] of entries) {
      row.cols.push(j);
      row.values.push(v);
    }
  }
  const rowPtr = new Int32Array(toSize + 1);
  rows.forEach((r, i) => (rowPtr[i + 1] = (rowPtr[i] as number) + r.cols.length));
  return {
    size: toSize,
    rowPtr,
    cols: Int32Array.from(rows.flatMap((r) => r.cols)),
    values: Float32Array.from(rows.flatMap((r) => r.values)),
  };
}
