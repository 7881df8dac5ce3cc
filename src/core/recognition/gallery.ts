// The gallery: every enrolled template in one contiguous matrix of L2-normalised rows, so a search is one pass
// of dot products over typed arrays (no objects per template). Rebuilt when members change.
//
// A member's score is a blend of their best template's similarity and the similarity to the mean of their
// templates (their centroid): the best template alone rewards one lucky photo (of the member, or of a look-alike
// stranger), the centroid alone blurs a member enrolled from very different photos.
//
// The blend is taken per capture set: the captures of one enrolment record. A member merged from two records
// (a duplicate, or one person enrolled twice under different looks) keeps one set per record, and scores the best
// of their sets; pooling them would put the centroid between the two and name neither reliably. A member never
// merged has one set, so their score is exactly the blend above.
//
// Open-set identification: the best-matching identity is named only if its score clears the threshold
// AND beats the best other identity by a margin; otherwise the face is "unknown". A wrong name is worse than
// no name, so both tests must pass.
import { SimdScorer } from './simd-scores';

/**
 * Weight of the centroid in a member's score (the best template has the rest). Chosen on the tuning folder's
 * open-set split (scripts/tune/recognition.ts, docs/eval/tune-recognition.json): DIR at FPIR 1 % was highest
 * with the two weighted equally.
 */
export const CENTROID_WEIGHT = 0.5;

export interface GalleryEntry {
  readonly memberId: string;
  readonly vector: ArrayLike<number>;
  /** The capture set within the member (see above); absent = the member's own set. */
  readonly captureSet?: string | undefined;
}

export interface Match {
  readonly memberId: string;
  /** Cosine similarity of the best template of this member. */
  readonly score: number;
}

export interface Identification {
  /** The named member, or undefined for "unknown". */
  readonly memberId: string | undefined;
  readonly best: Match | undefined;
  readonly second: Match | undefined;
}

export interface OpenSetPolicy {
  readonly threshold: number;
  readonly margin: number;
}

export class Gallery {
  readonly dim: number;
  readonly size: number;
  /** size x dim, row-major, rows L2-normalised. */
  readonly matrix: Float32Array;
  readonly members: readonly string[];
  /** Capture-set index per row, and member index per capture set. */
  readonly #rowSet: Int32Array;
  readonly #setMember: Int32Array;
  /** Reused between searches (one gallery is searched from one thread at a time). */
  #scratch: Float32Array | undefined;
  /** The WebAssembly SIMD scorer where available (see simd-scores.ts); the loop below otherwise. */
  readonly #simd: SimdScorer | undefined;
  /** Each capture set's centroid (normalised mean of its rows), as a gallery of one row per set. */
  readonly #centroids: Gallery | undefined;
  #centroidScratch: Float32Array | undefined;

  constructor(
    entries: readonly GalleryEntry[],
    dim: number,
    readonly centroidWeight = CENTROID_WEIGHT,
  ) {
    this.dim = dim;
    this.size = entries.length;
    this.matrix = new Float32Array(entries.length * dim);
    this.#rowSet = new Int32Array(entries.length);
    const memberIndex = new Map<string, number>();
    const setIndex = new Map<string, number>();
    const members: string[] = [];
    const setMember: number[] = [];
    entries.forEach((e, r) => {
      if (e.vector.length !== dim)
        throw new Error(`template of ${e.memberId} has ${e.vector.length} dimensions, expected ${dim}`);
      let m = memberIndex.get(e.memberId);
      if (m === undefined) {
        m = members.length;
        memberIndex.set(e.memberId, m);
        members.push(e.memberId);
      }
      // JSON keeps the pair unambiguous whatever characters the ids hold.
      const setKey = JSON.stringify([e.memberId, e.captureSet ?? null]);
      let set = setIndex.get(setKey);
      if (set === undefined) {
        set = setMember.length;
        setIndex.set(setKey, set);
        setMember.push(m);
      }
      this.#rowSet[r] = set;
      let norm = 0;
      for (let i = 0; i < dim; i++) norm += (e.vector[i] as number) ** 2;
      const inv = 1 / (Math.sqrt(norm) || 1);
      for (let i = 0; i < dim; i++) this.matrix[r * dim + i] = (e.vector[i] as number) * inv;
    });
    this.members = members;
    this.#setMember = Int32Array.from(setMember);
    this.#simd = SimdScorer.create(this.matrix, this.size, dim);
    if (centroidWeight > 0) {
      const sums = setMember.map(() => new Float64Array(dim));
      for (let r = 0; r < this.size; r++) {
        const sum = sums[this.#rowSet[r] as number] as Float64Array;
        for (let i = 0; i < dim; i++) sum[i] = (sum[i] as number) + (this.matrix[r * dim + i] as number);
      }
      // One row per capture set, in set order; its constructor normalises them.
      this.#centroids = new Gallery(
        sums.map((sum, set) => ({ memberId: String(set), vector: sum })),
        dim,
        0,
      );
    }
  }

  /** Whether searches run on the WebAssembly SIMD path. */
  get usesSimd(): boolean {
    return this.#simd !== undefined;
  }

  /**
   * Similarity of `probe` (L2-normalised) to every row, written into `out` (length = size). WebAssembly SIMD where
   * available; otherwise a JavaScript loop with four independent accumulators (15 ms for 100k templates here).
   */
  scoresInto(probe: ArrayLike<number>, out: Float32Array): void {
    if (this.#simd) {
      this.#simd.scoresInto(probe, out);
      return;
    }
    const { dim, matrix, size } = this;
    const p = probe instanceof Float32Array ? probe : Float32Array.from(probe);
    const dim4 = dim & ~3;
    for (let r = 0; r < size; r++) {
      const base = r * dim;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let i = 0;
      for (; i < dim4; i += 4) {
        a0 += (matrix[base + i] as number) * (p[i] as number);
        a1 += (matrix[base + i + 1] as number) * (p[i + 1] as number);
        a2 += (matrix[base + i + 2] as number) * (p[i + 2] as number);
        a3 += (matrix[base + i + 3] as number) * (p[i + 3] as number);
      }
      for (; i < dim; i++) a0 += (matrix[base + i] as number) * (p[i] as number);
      out[r] = a0 + a1 + (a2 + a3);
    }
  }

  /** The best score per member (see CENTROID_WEIGHT and capture sets above), highest first (top `k`). */
  search(probe: ArrayLike<number>, k = 2, scratch = (this.#scratch ??= new Float32Array(this.size))): Match[] {
    this.scoresInto(probe, scratch);
    const setBest = new Float32Array(this.#setMember.length).fill(-Infinity);
    for (let r = 0; r < this.size; r++) {
      const set = this.#rowSet[r] as number;
      const s = scratch[r] as number;
      if (s > (setBest[set] as number)) setBest[set] = s;
    }
    if (this.#centroids) {
      const c = (this.#centroidScratch ??= new Float32Array(this.#setMember.length));
      this.#centroids.scoresInto(probe, c);
      const w = this.centroidWeight;
      for (let set = 0; set < setBest.length; set++)
        setBest[set] = (1 - w) * (setBest[set] as number) + w * (c[set] as number);
    }
    const best = new Float32Array(this.members.length).fill(-Infinity);
    for (let set = 0; set < setBest.length; set++) {
      const m = this.#setMember[set] as number;
      if ((setBest[set] as number) > (best[m] as number)) best[m] = setBest[set] as number;
    }
    // Partial selection of the k best members (k is tiny; no full sort).
    const top: Match[] = [];
    for (let m = 0; m < best.length; m++) {
      const score = best[m] as number;
      if (top.length < k || score > (top[top.length - 1] as Match).score) {
        top.push({ memberId: this.members[m] as string, score });
        top.sort((a, b) => b.score - a.score);
        if (top.length > k) top.pop();
      }
    }
    return top;
  }

  identify(probe: ArrayLike<number>, policy: OpenSetPolicy): Identification {
    const [best, second] = this.search(probe, 2);
    return { memberId: decide(best, second, policy), best, second };
  }
}

export function decide(best: Match | undefined, second: Match | undefined, policy: OpenSetPolicy): string | undefined {
  if (!best || best.score < policy.threshold) return undefined;
  if (second && best.score - second.score < policy.margin) return undefined;
  return best.memberId;
}

/** Normalises a vector in place to unit length and returns it. */
export function l2normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const inv = 1 / (Math.sqrt(n) || 1);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

/** The gallery of stored templates, as the app builds it (all templates of the current embedding model). */
export function buildGallery(
  templates: readonly GalleryEntry[],
  fallbackDim = 128,
): Gallery {
  return new Gallery(templates, templates[0]?.vector.length ?? fallbackDim);
}
