// From raw relevance scores to the list staff see: items already bought are filtered or pushed down, a
// discounted item that fits gets a visible boost, the list is diversified across categories (maximal marginal
// relevance), and every item carries a one-line reason.
import type { Product } from '../catalogue/product';

export interface Candidate {
  readonly code: string;
  /** Relevance from the model (higher is better; any scale). */
  readonly score: number;
  /** The history item that contributed most, for "bought with X". */
  readonly because?: string | undefined;
  /** The first part of the reason, when the caller knows it better (e.g. "On offer", "Popular with …"). */
  readonly lead?: string | undefined;
}

/** A product as the card's ranking sees it on one day. */
export interface CatalogueInfo extends Pick<Product, 'name' | 'category' | 'price'> {
  /** Percent off today, if on discount. */
  readonly discountPercent?: number | undefined;
}

export interface RerankOptions {
  readonly count: number;
  /** Items the customer already bought: 'filter' removes them, a number multiplies their score. */
  readonly purchased: ReadonlySet<string>;
  readonly purchasedPolicy: 'filter' | number;
  /** Score multiplier per percent of discount (0.01 = 20 % off boosts by 20 %). */
  readonly discountBoostPerPercent: number;
  /** MMR trade-off: 1 = relevance only, 0 = diversity only. */
  readonly lambda: number;
}

export const DEFAULT_RERANK: Omit<RerankOptions, 'count' | 'purchased'> = {
  purchasedPolicy: 0.3,
  discountBoostPerPercent: 0.01,
  lambda: 0.7,
};

export interface Recommendation {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly price: number;
  readonly discountPercent?: number | undefined;
  readonly score: number;
  readonly reason: string;
}

export interface ReasonText {
  boughtWith(name: string): string;
  popular(): string;
  discount(percent: number): string;
  again(): string;
}

export function rerank(
  candidates: readonly Candidate[],
  catalogue: ReadonlyMap<string, CatalogueInfo>,
  options: RerankOptions,
  text: ReasonText,
): Recommendation[] {
  const pool: (Candidate & { adjusted: number; info: CatalogueInfo })[] = [];
  for (const c of candidates) {
    const info = catalogue.get(c.code);
    if (!info) continue; // not (or no longer) in the catalogue: cannot be sold
    let adjusted = c.score;
    if (options.purchased.has(c.code)) {
      if (options.purchasedPolicy === 'filter') continue;
      adjusted *= options.purchasedPolicy;
    }
    if (info.discountPercent) adjusted *= 1 + options.discountBoostPerPercent * info.discountPercent;
    pool.push({ ...c, adjusted, info });
  }
  if (!pool.length) return [];
  // Relevance as a share of the best score (0..1), so the diversity penalty is on the same scale. Scores that
  // can be negative are shifted first.
  const max = Math.max(...pool.map((p) => p.adjusted));
  const min = Math.min(0, ...pool.map((p) => p.adjusted));
  const span = max - min || 1;
  const chosen: typeof pool = [];
  const categoryCount = new Map<string, number>();
  const remaining = [...pool];
  while (chosen.length < options.count && remaining.length) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    remaining.forEach((p, i) => {
      const relevance = (p.adjusted - min) / span;
      // Redundancy: how much of the list already is this category (1 when it is all that category).
      const redundancy = chosen.length ? (categoryCount.get(p.info.category) ?? 0) / chosen.length : 0;
      const value = options.lambda * relevance - (1 - options.lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    const [pick] = remaining.splice(bestIndex, 1);
    if (!pick) break;
    chosen.push(pick);
    categoryCount.set(pick.info.category, (categoryCount.get(pick.info.category) ?? 0) + 1);
  }
  return chosen.map((p) => {
    const parts: string[] = [];
    const becauseName = p.because ? catalogue.get(p.because)?.name : undefined;
    parts.push(p.lead ?? (becauseName ? text.boughtWith(becauseName) : text.popular()));
    if (options.purchased.has(p.code)) parts.push(text.again());
    if (p.info.discountPercent) parts.push(text.discount(p.info.discountPercent));
    return {
      code: p.code,
      name: p.info.name,
      category: p.info.category,
      price: p.info.price,
      ...(p.info.discountPercent ? { discountPercent: p.info.discountPercent } : {}),
      score: p.adjusted,
      reason: parts.join(' · '),
    };
  });
}

/** Recency weight of a purchase `ageDays` old: halves every `halfLifeDays`. */
export function recencyWeight(ageDays: number, halfLifeDays: number): number {
  return Math.pow(0.5, Math.max(0, ageDays) / halfLifeDays);
}
