// The recommender's starting point before a shop has trained its own model, and the item2vec hyper-parameters
// the tuner uses when it tries the vectors. Which co-occurrence form a shop gets, and whether item2vec is used
// at all, is chosen per shop on its own recent sales at every training (tuner.ts, candidates.ts); this file only
// fixes what is the same everywhere.
//
// - Co-occurrence: the robust blend (`blend-sharp` in candidates.ts), the fallback for shops too small to
//   validate: within 0.01 HR@10 of the best candidate in every validation fold of both shops studied.
// - item2vec: the light model (dim 32, 5 epochs, 5 negatives, 8 context items) trains in seconds on a year of a
//   busy shop; a 9x more expensive one did no better on validation. Its weight is relative to the co-occurrence
//   scale and concentrated on rarely sold query items (halved at 10 baskets of evidence), where co-occurrence
//   has little to go on.
import { candidateNamed, FALLBACK_CANDIDATE } from './candidates';
import type { HybridSettings } from './hybrid';
import { SGNS_BASE } from './sgns';

export const DEFAULT_RECOMMENDER: HybridSettings = {
  cooccurrence: candidateNamed(FALLBACK_CANDIDATE).cooccurrence(0),
  vectors: {
    enabled: true,
    sgns: { ...SGNS_BASE, dim: 32, epochs: 5, negative: 5, maxContext: 8 },
    neighbours: 50,
    power: 6,
    weight: 0.2,
    lengthScale: Number.POSITIVE_INFINITY,
    evidenceScale: 10,
  },
};
