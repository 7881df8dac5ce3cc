// Item-to-item regression over a small neighbourhood: for each candidate item j, weights w(q, j) that best
// predict "j is in the basket" from the other items of the basket, by ridge regression on the shop's baskets,
//
//   w(., j) = argmin_w  sum over baskets b of (x_bj - sum_q x_bq w_qj)^2 + lambda * |w|^2,   q in N(j)
//           = (G_NN + lambda I)^-1 G_Nj        (G = X^T X: basket co-occurrence counts, n_i on the diagonal)
//
// restricted to the k items N(j) most associated with j (cosine of co-occurrence counts). Unlike a fixed
// normalisation of counts, the regression discounts an item that only co-occurs with j because it co-occurs with
// everything that does (items bought together with each other share the credit instead of each counting in
// full). The full regression over all items needs an n x n inverse (seconds to minutes per shop); a
// neighbourhood of 50 keeps it to one 50 x 50 solve per item, well under a second for thousands of items.
// lambda is a share of the mean item basket count, so one setting means the same in a shop of any size.
import { similarityValue, type Cooccurrence, type Similarity } from './cooccurrence';

export interface RegressionSettings {
  /** Neighbours per item (k). */
  readonly neighbours: number;
  /** Ridge lambda as a share of the mean basket count of the items sold. */
  readonly ridgeShare: number;
}

/** The ridge lambda for these counts: ridgeShare times the mean basket count of items sold at least once. */
export function ridgeLambda(counts: Cooccurrence, ridgeShare: number): number {
  let sum = 0;
  let items = 0;
  for (const n of counts.itemBaskets)
    if (n > 0) {
      sum += n;
      items++;
    }
  return items ? (ridgeShare * sum) / items : ridgeShare;
}

/**
 * Solve (A + lambda I) x = b in place for a k x k symmetric positive semi-definite A (row-major), by Cholesky.
 * Returns false if the matrix is not positive definite (cannot happen for lambda > 0 up to rounding).
 */
export function ridgeSolve(a: Float64Array, b: Float64Array, k: number, lambda: number): boolean {
  for (let i = 0; i < k; i++) a[i * k + i] = (a[i * k + i] as number) + lambda;
  // A = L L^T, L stored in the lower triangle of a.
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let p = 0; p < j; p++) d -= (a[j * k + p] as number) ** 2;
    if (!(d > 0)) return false;
    const l = Math.sqrt(d);
    a[j * k + j] = l;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] as number;
      for (let p = 0; p < j; p++) s -= (a[i * k + p] as number) * (a[j * k + p] as number);
      a[i * k + j] = s / l;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = b[i] as number;
    for (let p = 0; p < i; p++) s -= (a[i * k + p] as number) * (b[p] as number);
    b[i] = s / (a[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let p = i + 1; p < k; p++) s -= (a[p * k + i] as number) * (b[p] as number);
    b[i] = s / (a[i * k + i] as number);
  }
  return true;
}

/**
 * The regression weights as a similarity graph: row q holds w(q, j) for every j whose neighbourhood contains q,
 * so a query adds up its items' rows exactly as it does for co-occurrence. Weights can be negative (an item
 * that stands in for j in the basket lowers j's score).
 */
export function regressionSimilarity(counts: Cooccurrence, settings: RegressionSettings): Similarity {
  const { size, rowPtr, cols, values, itemBaskets } = counts;
  const lambda = ridgeLambda(counts, settings.ridgeShare);
  const invSqrt = Float64Array.from(itemBaskets, (n) => (n > 0 ? 1 / Math.sqrt(n) : 0));
  const rows: number[][] = Array.from({ length: size }, () => []);
  const weights: number[][] = Array.from({ length: size }, () => []);
  const heapScore = new Float64Array(settings.neighbours);
  const heapPos = new Int32Array(settings.neighbours);
  for (let j = 0; j < size; j++) {
    // Neighbours of j: its k co-occurring items of highest cosine (count / sqrt(n_q n_j); n_j is the same for
    // all q), kept in a min-heap so a long row costs one pass.
    const start = rowPtr[j] as number;
    const end = rowPtr[j + 1] as number;
    if (end === start) continue;
    const k = selectTop(
      start,
      end,
      (p) => (values[p] as number) * (invSqrt[cols[p] as number] as number),
      heapScore,
      heapPos,
    );
    const hood = Int32Array.from(heapPos.subarray(0, k), (p) => cols[p] as number);
    const a = new Float64Array(k * k);
    const b = new Float64Array(k);
    for (let x = 0; x < k; x++) {
      const qx = hood[x] as number;
      a[x * k + x] = itemBaskets[qx] as number;
      b[x] = values[heapPos[x] as number] as number;
      for (let y = 0; y < x; y++) {
        const g = similarityValue(counts, qx, hood[y] as number);
        a[x * k + y] = g;
        a[y * k + x] = g;
      }
    }
    if (!ridgeSolve(a, b, k, lambda)) continue;
    for (let x = 0; x < k; x++) {
      const q = hood[x] as number;
      (rows[q] as number[]).push(j);
      (weights[q] as number[]).push(b[x] as number);
    }
  }
  // Columns were appended in increasing j, so every row is already sorted.
  const outPtr = new Int32Array(size + 1);
  for (let q = 0; q < size; q++) outPtr[q + 1] = (outPtr[q] as number) + (rows[q] as number[]).length;
  const outCols = new Int32Array(outPtr[size] as number);
  const outValues = new Float32Array(outPtr[size] as number);
  for (let q = 0; q < size; q++) {
    outCols.set(rows[q] as number[], outPtr[q]);
    outValues.set(weights[q] as number[], outPtr[q]);
  }
  return { size, rowPtr: outPtr, cols: outCols, values: outValues };
}

/**
 * The positions p in [start, end) of the (up to) `heapScore.length` highest `score(p)`, written to `heapPos`
 * (in no particular order); returns how many. Ties keep the earlier position.
 */
function selectTop(
  start: number,
  end: number,
  score: (p: number) => number,
  heapScore: Float64Array,
  heapPos: Int32Array,
): number {
  const capacity = heapScore.length;
  let n = 0;
  const swap = (i: number, j: number) => {
    const s = heapScore[i] as number;
    heapScore[i] = heapScore[j] as number;
    heapScore[j] = s;
    const q = heapPos[i] as number;
    heapPos[i] = heapPos[j] as number;
    heapPos[j] = q;
  };
  const siftDown = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < n && (heapScore[l] as number) < (heapScore[least] as number)) least = l;
      if (r < n && (heapScore[r] as number) < (heapScore[least] as number)) least = r;
      if (least === i) return;
      swap(i, least);
      i = least;
    }
  };
  for (let p = start; p < end; p++) {
    const s = score(p);
    if (n < capacity) {
      // Sift up.
      let i = n++;
      heapScore[i] = s;
      heapPos[i] = p;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((heapScore[parent] as number) <= (heapScore[i] as number)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (s > (heapScore[0] as number)) {
      heapScore[0] = s;
      heapPos[0] = p;
      siftDown(0);
    }
  }
  return n;
}
