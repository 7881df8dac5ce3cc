// The gallery: every enrolled template in one contiguous matrix of L2-normalised rows, so a search is one pass
// of dot products over typed arrays (no objects per template). Rebuilt when members change.
//
// Open-set identification: the best-matching identity is named only if its similarity clears the threshold
// AND beats the best other identity by a margin; otherwise the face is "unknown". A wrong name is worse than
// no name, so both tests must pass.

export interface GalleryEntry {
  readonly memberId: string;
  readonly vector: ArrayLike<number>;
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
  /** Member index per row. */
  readonly rowMember: Int32Array;
  readonly members: readonly string[];

  constructor(entries: readonly GalleryEntry[], dim: number) {
    this.dim = dim;
    this.size = entries.length;
    this.matrix = new Float32Array(entries.length * dim);
    this.rowMember = new Int32Array(entries.length);
    const index = new Map<string, number>();
    const members: string[] = [];
    entries.forEach((e, r) => {
      if (e.vector.length !== dim)
        throw new Error(`template of ${e.memberId} has ${e.vector.length} dimensions, expected ${dim}`);
      let m = index.get(e.memberId);
      if (m === undefined) {
        m = members.length;
        index.set(e.memberId, m);
        members.push(e.memberId);
      }
      this.rowMember[r] = m;
      let norm = 0;
      for (let i = 0; i < dim; i++) norm += (e.vector[i] as number) ** 2;
      const inv = 1 / (Math.sqrt(norm) || 1);
      for (let i = 0; i < dim; i++) this.matrix[r * dim + i] = (e.vector[i] as number) * inv;
    });
    this.members = members;
  }

  /** Similarity of `probe` (L2-normalised) to every row, written into `out` (length = size). */
  scoresInto(probe: ArrayLike<number>, out: Float32Array): void {
    const { dim, matrix, size } = this;
    for (let r = 0; r < size; r++) {
      let dot = 0;
      const base = r * dim;
      for (let i = 0; i < dim; i++) dot += (matrix[base + i] as number) * (probe[i] as number);
      out[r] = dot;
    }
  }

  /** The best score per member, highest first (top `k`). */
  search(probe: ArrayLike<number>, k = 2, scratch = new Float32Array(this.size)): Match[] {
    this.scoresInto(probe, scratch);
    const best = new Float32Array(this.members.length).fill(-Infinity);
    for (let r = 0; r < this.size; r++) {
      const m = this.rowMember[r] as number;
      const s = scratch[r] as number;
      if (s > (best[m] as number)) best[m] = s;
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
  templates: readonly { memberId: string; vector: Float32Array }[],
  fallbackDim = 128,
): Gallery {
  return new Gallery(templates, templates[0]?.vector.length ?? fallbackDim);
}
