// What an anonymous visitor's card suggests: the recent best sellers of their estimated segment (age band and
// gender) when the shop has enough sales for it, else of the whole shop, mixed with current promotions so items
// on offer are shown even with no sales history. Every item says why it is there, and each reason is true:
// "Popular with <segment>" only on items that segment buys at least as often as the shop's customers as a
// whole (profile.ts), "Popular now" only on the shop's own best sellers, and a promotion says it is on offer.
import { bestSellers, type DatedBasket } from './profile';
import { CARD_ITEMS } from './member-suggestions';
import {
  DEFAULT_RERANK,
  rerank,
  type Candidate,
  type CatalogueInfo,
  type ReasonText,
  type Recommendation,
} from './rerank';

/** Best sellers halve in weight every 60 days; a segment needs 20 baskets of its own; 40 items are considered. */
export const SEGMENT_SELLERS = { halfLifeDays: 60, limit: 40, minBaskets: 20 };

export interface SegmentReasonText extends ReasonText {
  popularWith(who: string): string;
  onOffer(): string;
}

export interface SegmentRequest {
  /** "ageBand|gender" (profile.ts segmentKey), or undefined when not estimated. */
  readonly segment: string | undefined;
  /** The segment in words, for "Popular with …". */
  readonly who: string;
  readonly now: number;
  readonly count?: number;
}

export function segmentSuggestions(
  baskets: readonly DatedBasket[],
  catalogue: ReadonlyMap<string, CatalogueInfo>,
  request: SegmentRequest,
  text: SegmentReasonText,
): Recommendation[] {
  const sellers = bestSellers(baskets, request.segment, request.now, SEGMENT_SELLERS);
  const popular = sellers.forSegment ? text.popularWith(request.who) : text.popular();
  // Best sellers by rank (1, 1/2, 1/3 …), promotions ranked by their discount among the top of the list.
  const candidates = new Map<string, Candidate>();
  sellers.codes.forEach((code, i) => candidates.set(code, { code, score: 1 / (i + 1), lead: popular }));
  for (const [code, info] of catalogue) {
    if (!info.discountPercent || candidates.has(code)) continue;
    candidates.set(code, { code, score: 0.2 + info.discountPercent / 500, lead: text.onOffer() });
  }
  return rerank(
    [...candidates.values()],
    catalogue,
    { ...DEFAULT_RERANK, count: request.count ?? CARD_ITEMS, purchased: new Set() },
    text,
  );
}
