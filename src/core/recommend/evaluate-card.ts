// The evaluation protocol run through what a member's card shows rather than through the raw scorer: each
// case's query items become a member's purchase history (bought today), and the card's own pipeline
// (member-suggestions.ts: the history profile, the purchased-items policy, category diversity) makes the list.
// The hidden item's place in that list gives the same metrics as evaluate.ts, so the card's quality, and what
// the re-ranking costs or gains, is a measured number.
import type { Metrics, QueryCase } from './evaluate';
import type { Vocab } from './vocab';
import { CARD_ITEMS, memberSuggestions, type MemberSuggestionInputs } from './member-suggestions';

export interface CardMetrics extends Metrics {
  /** Share of cases whose hidden item is among the items the card actually shows (CARD_ITEMS). */
  readonly hrOnCard: number;
  readonly cardItems: number;
}

/** Metrics at `k` (the list is made `k` long); cases whose target is outside `vocab` are skipped, as in evaluate. */
export async function evaluateCardPath(
  cases: readonly QueryCase[],
  vocab: Vocab,
  inputs: Omit<MemberSuggestionInputs, 'count'>,
  now: number,
  k = 10,
): Promise<CardMetrics> {
  const shown = new Set<string>();
  let n = 0;
  let hits = 0;
  let onCard = 0;
  let mrr = 0;
  let ndcg = 0;
  for (const c of cases) {
    if (!vocab.index.has(c.target)) continue;
    const history = [{ at: now, codes: c.query.filter((code) => code !== c.target) }];
    const list = (await memberSuggestions(history, now, { ...inputs, count: k })) ?? [];
    n++;
    for (const item of list) shown.add(item.code);
    const r = list.findIndex((item) => item.code === c.target) + 1;
    if (r === 0) continue;
    hits++;
    if (r <= CARD_ITEMS) onCard++;
    mrr += 1 / r;
    ndcg += 1 / Math.log2(r + 1);
  }
  const size = vocab.codes.length;
  return {
    cases: n,
    hr: n ? hits / n : NaN,
    mrr: n ? mrr / n : NaN,
    ndcg: n ? ndcg / n : NaN,
    coverage: size ? shown.size / size : NaN,
    hrOnCard: n ? onCard / n : NaN,
    cardItems: CARD_ITEMS,
  };
}
