// What the recommender is asked for a member and for an anonymous visitor.
// - A member's profile is their purchase history with recent purchases weighing more (exponential decay with a
//   half-life in days), so last month's style counts more than what they bought two years ago.
// - An anonymous visitor gets the best sellers of their estimated segment (age band and gender) when sales with
//   that segment exist, else of the whole shop; recency-weighted the same way.
import { DAY } from '../time/durations';
import type { WeightedItem } from './hybrid';

export interface DatedBasket {
  /** Epoch ms of the sale. */
  readonly at: number;
  readonly codes: readonly string[];
  /** "ageBand|gender" of the buyer, when known (counter sales to unknown visitors, demo data). */
  readonly segment?: string | undefined;
}

function decay(at: number, now: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, (now - at) / DAY);
  return Math.pow(0.5, ageDays / halfLifeDays);
}

/** Recency-weighted items of a purchase history, heaviest first, at most `limit` of them. */
export function memberProfile(
  history: readonly DatedBasket[],
  now: number,
  options: { halfLifeDays: number; limit: number },
): WeightedItem[] {
  const weights = new Map<string, number>();
  for (const basket of history) {
    const w = decay(basket.at, now, options.halfLifeDays);
    for (const code of new Set(basket.codes)) weights.set(code, (weights.get(code) ?? 0) + w);
  }
  return [...weights]
    .map(([code, weight]) => ({ code, weight }))
    .sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : 1))
    .slice(0, options.limit);
}

export function segmentKey(ageBand: string | undefined, gender: string | undefined): string | undefined {
  return ageBand && gender ? `${ageBand}|${gender}` : undefined;
}

export interface BestSellers {
  /** Codes, best first. */
  readonly codes: readonly string[];
  /** Whether the list is specific to the asked segment (false: the whole shop's, for lack of segment sales). */
  readonly forSegment: boolean;
}

/** Recency-weighted number of baskets containing each item (an item counts once per basket), and their total. */
function basketWeights(
  baskets: readonly DatedBasket[],
  now: number,
  halfLifeDays: number,
): { perItem: Map<string, number>; total: number } {
  const perItem = new Map<string, number>();
  let total = 0;
  for (const basket of baskets) {
    const w = decay(basket.at, now, halfLifeDays);
    total += w;
    for (const code of new Set(basket.codes)) perItem.set(code, (perItem.get(code) ?? 0) + w);
  }
  return { perItem, total };
}

/**
 * Recency-weighted best sellers (each basket counts an item once) for `segment`, falling back to all sales when
 * fewer than `minBaskets` baskets carry that segment. A segment's list keeps only items that segment buys at
 * least as often as the shop's customers as a whole (share of its baskets >= share of all baskets), so
 * "popular with <segment>" is true of every item on it, not just of what everyone buys.
 */
export function bestSellers(
  baskets: readonly DatedBasket[],
  segment: string | undefined,
  now: number,
  options: { halfLifeDays: number; limit: number; minBaskets: number },
): BestSellers {
  const ofSegment = segment ? baskets.filter((b) => b.segment === segment) : [];
  const forSegment = ofSegment.length >= options.minBaskets;
  const shop = basketWeights(baskets, now, options.halfLifeDays);
  const own = forSegment ? basketWeights(ofSegment, now, options.halfLifeDays) : shop;
  const codes = [...own.perItem]
    .filter(([code, w]) => !forSegment || w / own.total >= (shop.perItem.get(code) ?? 0) / shop.total)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.limit)
    .map(([code]) => code);
  return { codes, forSegment };
}
