// Nearest neighbours of every item in item2vec space, kept as a sparse top-K graph in the same CSR layout as the
// co-occurrence similarity. Scoring a query against full vectors costs items x dims per query item; with the
// graph, the hybrid ranker is a sum of two sparse rows per query item, and only the strong (top-K) vector
// similarities matter anyway once they are sharpened.
import type { Similarity } from './cooccurrence';
import type { ItemVectors } from './sgns';

/** Rows scaled to unit length (zero rows stay zero). */
export function normalizeRows(matrix: Float32Array, size: number, dim: number): Float32Array {
  const out = new Float32Array(size * dim);
  for (let i = 0; i < size; i++) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += (matrix[i * dim + k] as number) ** 2;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < dim; k++) out[i * dim + k] = (matrix[i * dim + k] as number) * inv;
  }
  return out;
}

export interface NeighbourOptions {
  /** Neighbours kept per item. */
  readonly k: number;
  /** Stored value is max(0, cosine)^power. */
  readonly power: number;
}

/**
 * Top-k neighbours of each trained item by cosine of the input vectors (untrained items have no row and are
 * nobody's neighbour). Ties are broken by smaller id so the graph is deterministic.
 */
export function vectorNeighbours(vectors: ItemVectors, options: NeighbourOptions): Similarity {
  const { size, dim, trained } = vectors;
  const k = Math.max(0, Math.min(options.k, size - 1));
  const unit = normalizeRows(vectors.input, size, dim);
  const rowPtr = new Int32Array(size + 1);
  const cols = new Int32Array(size * k);
  const values = new Float32Array(size * k);
  const bestId = new Int32Array(k);
  const bestCos = new Float64Array(k);
  let nnz = 0;
  for (let i = 0; i < size; i++) {
    let count = 0;
    if (trained[i] && k > 0) {
      const a = i * dim;
      for (let j = 0; j < size; j++) {
        if (j === i || !trained[j]) continue;
        const b = j * dim;
        let c = 0;
        for (let d = 0; d < dim; d++) c += (unit[a + d] as number) * (unit[b + d] as number);
        if (c <= 0) continue;
        if (count === k && c <= (bestCos[k - 1] as number)) continue;
        // Insertion into the sorted (descending) top-k; equal cosines keep the earlier, smaller id first.
        let pos = count < k ? count++ : k - 1;
        while (pos > 0 && c > (bestCos[pos - 1] as number)) {
          bestCos[pos] = bestCos[pos - 1] as number;
          bestId[pos] = bestId[pos - 1] as number;
          pos--;
        }
        bestCos[pos] = c;
        bestId[pos] = j;
      }
    }
    // Store the row sorted by column id, like the co-occurrence rows.
    const order = Array.from({ length: count }, (_, r) => r).sort(
      (x, y) => (bestId[x] as number) - (bestId[y] as number),
    );
    for (const r of order) {
      cols[nnz] = bestId[r] as number;
      values[nnz] = Math.pow(bestCos[r] as number, options.power);
      nnz++;
    }
    rowPtr[i + 1] = nnz;
  }
  return { size, rowPtr, cols: cols.slice(0, nnz), values: values.slice(0, nnz) };
}
