// What a member's card suggests, from their purchase history: the recency-weighted history is the query, the
// model (in the retail worker) returns scored candidates with the history item behind each, then discounts,
// already-bought items and category diversity are applied (rerank.ts). The card and the `--as-card` evaluation
// both run this one function, so the evaluation measures what the card shows.
import type { Recommendation as ScoredItem, WeightedItem } from './hybrid';
import { memberProfile, type DatedBasket } from './profile';
import { DEFAULT_RERANK, rerank, type CatalogueInfo, type ReasonText, type Recommendation } from './rerank';

/** Items on a card. */
export const CARD_ITEMS = 8;
/** A member's history as a query: purchases halve in weight every 120 days; the 25 heaviest items. */
export const MEMBER_PROFILE = { halfLifeDays: 120, limit: 25 };
/** Candidates fetched per item shown, so filtering and diversity have room to choose. */
const CANDIDATES_PER_ITEM = 5;

/** The model's ranking for a weighted query (the retail worker's `recommend`). */
export type RecommendFn = (
  items: WeightedItem[],
  k: number,
  exclude: string[],
  keepQueryItems: boolean,
) => Promise<ScoredItem[]>;

export interface MemberSuggestionInputs {
  readonly recommend: RecommendFn;
  readonly catalogue: ReadonlyMap<string, CatalogueInfo>;
  /** The shop's setting for items the member already bought: shown lower down, or left out. */
  readonly purchasedItems: 'filter' | 'down-weight';
  readonly text: ReasonText;
  readonly count?: number;
}

/** The card's list for a purchase history; undefined when the history is empty (the card shows best sellers). */
export async function memberSuggestions(
  history: readonly DatedBasket[],
  now: number,
  inputs: MemberSuggestionInputs,
): Promise<Recommendation[] | undefined> {
  const profile = memberProfile(history, now, MEMBER_PROFILE);
  if (!profile.length) return undefined;
  const count = inputs.count ?? CARD_ITEMS;
  const downWeight = inputs.purchasedItems === 'down-weight';
  const candidates = await inputs.recommend(profile, count * CANDIDATES_PER_ITEM, [], downWeight);
  return rerank(
    candidates,
    inputs.catalogue,
    {
      ...DEFAULT_RERANK,
      count,
      // Everything they bought, not only the profile's heaviest items: "bought before" and the shop's
      // leave-them-out setting must hold for old purchases too.
      purchased: new Set(history.flatMap((b) => b.codes)),
      purchasedPolicy: downWeight ? DEFAULT_RERANK.purchasedPolicy : 'filter',
    },
    inputs.text,
  );
}
