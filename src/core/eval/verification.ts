// Face verification metrics: given similarity scores of same-person and different-person pairs, how well does
// a threshold separate them. Used by the evaluation harness and for choosing the shipped threshold.

export interface ScoredPair {
  readonly same: boolean;
  /** Cosine similarity; undefined when a face was not found in one of the images (counts as an error). */
  readonly score: number | undefined;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / (Math.sqrt(na * nb) || 1);
}

/** Share of pairs decided correctly at `threshold` (score >= threshold means "same"); missing faces are errors. */
export function accuracyAt(pairs: readonly ScoredPair[], threshold: number): number {
  if (!pairs.length) return NaN;
  let correct = 0;
  for (const p of pairs) if (p.score !== undefined && p.score >= threshold === p.same) correct++;
  return correct / pairs.length;
}

/** The threshold with the best accuracy on these pairs (midpoint between neighbouring scores), and that accuracy. */
export function bestThreshold(pairs: readonly ScoredPair[]): { threshold: number; accuracy: number } {
  const scores = [...new Set(pairs.flatMap((p) => (p.score === undefined ? [] : [p.score])))].sort((a, b) => a - b);
  const candidates = [-Infinity, ...scores.slice(1).map((s, i) => (s + (scores[i] as number)) / 2), Infinity];
  let best = { threshold: 0, accuracy: -1 };
  for (const t of candidates) {
    const acc = accuracyAt(pairs, t);
    if (acc > best.accuracy) best = { threshold: t, accuracy: acc };
  }
  return best;
}

/**
 * True accept rate at a false accept rate: the lowest threshold at which at most `far` of the different-person
 * pairs score at or above it, and the share of same-person pairs accepted there (missing faces are rejects).
 */
export function tarAtFar(pairs: readonly ScoredPair[], far: number): { tar: number; threshold: number } {
  const impostor = pairs
    .filter((p) => !p.same)
    .map((p) => p.score ?? -Infinity)
    .sort((a, b) => b - a);
  const genuine = pairs.filter((p) => p.same);
  const allowed = Math.floor(far * impostor.length);
  // Threshold just above the (allowed+1)-th highest impostor score.
  const edge = impostor[allowed] ?? -Infinity;
  const threshold = Number.isFinite(edge) ? edge + 1e-9 : -Infinity;
  const accepted = genuine.filter((p) => p.score !== undefined && p.score >= threshold).length;
  return { tar: genuine.length ? accepted / genuine.length : NaN, threshold };
}
