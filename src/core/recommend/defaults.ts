// The recommender's shipped settings. Chosen on our own validation split (the last 10 % of the Online Retail II
// training baskets, queries drawn with the evaluation protocol; `scripts/recommend/tune.ts`), never on the test
// queries that the evaluation scores. The figures behind each choice are in the README's Recommendations section.
import type { HybridSettings } from './hybrid';
import { SGNS_BASE } from './sgns';

export const DEFAULT_RECOMMENDER: HybridSettings = {
  cooccurrence: { sizeExponent: 0.5, halfLife: 8000, queryExponent: 0.5, itemExponent: 0.5, power: 2 },
  vectors: {
    enabled: true,
    sgns: SGNS_BASE,
    neighbours: 50,
    power: 3,
    weight: 0.8,
    lengthScale: Number.POSITIVE_INFINITY,
    evidenceScale: Number.POSITIVE_INFINITY,
  },
};
