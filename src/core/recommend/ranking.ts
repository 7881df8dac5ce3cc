// Turning a score per item into a ranking, with the evaluation protocol's tie rule. Vocabulary ids are already in
// tie order (more train baskets first, then code), so "higher score, then smaller id" is the whole rule. Shared by
// the recommender (top-k lists) and the evaluation (rank of the hidden item).

/** 1-based rank of `target` among items not marked in `excluded` (target itself must not be excluded); NaN ranks last. */
export function rankOf(scores: Float64Array, target: number, excluded: Uint8Array): number {
  const raw = scores[target] as number;
  const s = Number.isNaN(raw) ? -Infinity : raw;
  let better = 0;
  for (let j = 0; j < scores.length; j++) {
    if (excluded[j]) continue;
    const v = scores[j] as number;
    if (Number.isNaN(v)) continue;
    if (v > s || (v === s && j < target)) better++;
  }
  return better + 1;
}

/** The k best items (score desc, then id asc) not marked in `excluded`; NaN scores rank last. */
export function topK(scores: Float64Array, k: number, excluded?: Uint8Array): number[] {
  const ids: number[] = [];
  const best: number[] = [];
  for (let j = 0; j < scores.length; j++) {
    if (excluded?.[j]) continue;
    let v = scores[j] as number;
    if (Number.isNaN(v)) v = -Infinity;
    if (ids.length === k && v <= (best[k - 1] as number)) continue; // ties keep the earlier (smaller) id
    let pos = ids.length < k ? ids.length : k - 1;
    while (pos > 0 && v > (best[pos - 1] as number)) pos--;
    ids.splice(pos, 0, j);
    best.splice(pos, 0, v);
    if (ids.length > k) {
      ids.pop();
      best.pop();
    }
  }
  return ids;
}
