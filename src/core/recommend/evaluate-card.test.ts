import { describe, expect, it } from 'vitest';
import { strings } from '../../i18n/strings';
import type { Recommendation as ScoredItem, WeightedItem } from './hybrid';
import { buildVocab } from './vocab';
import { evaluateCardPath } from './evaluate-card';
import type { CatalogueInfo } from './rerank';

const codes = 'ABCDEFGHIJKLMNOPQ'.split('');
const vocab = buildVocab([codes]);
// Every item its own category, no discounts: the card's list is the model's order, apart from the history.
const catalogue = new Map<string, CatalogueInfo>(codes.map((c) => [c, { name: c, category: c, price: 1 }]));
const NOW = Date.UTC(2026, 10, 30);

/** A model that ranks A, B, C … L whatever the query, and remembers what it was asked. */
function fixedModel() {
  const asked: { items: WeightedItem[]; k: number; keep: boolean }[] = [];
  const recommend = (items: WeightedItem[], k: number, exclude: string[], keep: boolean) => {
    asked.push({ items, k, keep });
    const list: ScoredItem[] = codes.slice(0, 12).map((code, i) => ({ code, score: 12 - i }));
    const query = new Set(items.map((i) => i.code));
    return Promise.resolve(list.filter((r) => keep || !query.has(r.code)).slice(0, k));
  };
  return { asked, recommend };
}

describe('evaluateCardPath', () => {
  it('ranks each hidden item in the list the card makes from the query as a purchase history', async () => {
    const { asked, recommend } = fixedModel();
    const cases = [
      { target: 'C', query: ['P'] }, // rank 3
      { target: 'J', query: ['P'] }, // rank 10: in the top 10, not among the 8 on the card
      { target: 'K', query: ['P'] }, // rank 11: a miss
      { target: 'Q', query: ['P'] }, // never suggested: a miss
      { target: 'Z', query: ['P'] }, // not a known item: skipped, as in the protocol
    ];
    const inputs = { recommend, catalogue, purchasedItems: 'filter' as const, text: strings.card.reasons };
    const m = await evaluateCardPath(cases, vocab, inputs, NOW);
    expect(m.cases).toBe(4);
    expect(m.hr).toBeCloseTo(2 / 4, 12);
    expect(m.hrOnCard).toBeCloseTo(1 / 4, 12);
    expect(m.mrr).toBeCloseTo((1 / 3 + 1 / 10) / 4, 12);
    expect(m.ndcg).toBeCloseTo((1 / Math.log2(4) + 1 / Math.log2(11)) / 4, 12);
    expect(m.coverage).toBeCloseTo(10 / codes.length, 12);
    // The card asks the model for five candidates per place, with the query as a history bought today.
    expect(asked[0]).toEqual({ items: [{ code: 'P', weight: 1 }], k: 50, keep: false });
  });

  it('measures what the card costs: items already bought stay on the list, lower down', async () => {
    const { recommend } = fixedModel();
    const cases = [{ target: 'D', query: ['A', 'B'] }];
    const text = strings.card.reasons;
    const filtered = await evaluateCardPath(
      cases,
      vocab,
      { recommend, catalogue, purchasedItems: 'filter', text },
      NOW,
    );
    const kept = await evaluateCardPath(
      cases,
      vocab,
      { recommend, catalogue, purchasedItems: 'down-weight', text },
      NOW,
    );
    // Without A and B, D is second (C, D …); with them kept at 0.3 of their score (3.6 and 3.3), D is still
    // second, and A and B come back after every item scoring above 3.6 (C to I).
    expect(filtered.mrr).toBeCloseTo(1 / 2, 12);
    expect(kept.mrr).toBeCloseTo(1 / 2, 12);
    const lateTarget = [{ target: 'J', query: ['A', 'B'] }];
    // J scores 3: below A's 3.6 and B's 3.3 once they are kept, so it drops from 8th to 10th.
    expect(
      (await evaluateCardPath(lateTarget, vocab, { recommend, catalogue, purchasedItems: 'filter', text }, NOW)).mrr,
    ).toBeCloseTo(1 / 8, 12);
    expect(
      (await evaluateCardPath(lateTarget, vocab, { recommend, catalogue, purchasedItems: 'down-weight', text }, NOW))
        .mrr,
    ).toBeCloseTo(1 / 10, 12);
  });
});
