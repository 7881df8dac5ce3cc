// The card's suggestions, from the trained model in the retail worker plus the shop's catalogue:
// - a member: their recency-weighted purchase history is the query; candidates come back scored with the item
//   they were most often bought with, then discounts, already-bought items and category diversity are applied;
// - an anonymous visitor (or a member with no history): best sellers of their estimated segment, when the shop
//   has sales for it, mixed with current promotions (so new items on offer are shown even with no history).
import type { CardRecommendation } from '../../components/customer-card/customer-card.component';
import type { RetailClient } from '../../client/retail-engine';
import { activeDiscount } from '../../core/catalogue/catalogue';
import type { Member } from '../../core/members/member';
import { bestSellers, memberProfile, segmentKey, type DatedBasket } from '../../core/recommend/profile';
import { DEFAULT_RERANK, rerank, type Candidate, type CatalogueInfo } from '../../core/recommendations/rerank';
import { strings } from '../../i18n/strings';
import type { Purchase, RetailStore } from '../../store/retail-store';
import type { Recommender } from '../app-context';

const CARD_ITEMS = 8;
const PROFILE = { halfLifeDays: 120, limit: 25 };
const BEST_SELLERS = { halfLifeDays: 60, limit: 40, minBaskets: 20 };
/** The catalogue and sales are re-read at most this often for segment lists (they change only on import). */
const CACHE_MS = 5 * 60_000;

export interface ShopRecommenderOptions {
  readonly purchasedItems: () => 'filter' | 'down-weight';
  readonly now?: () => number;
}

export function toDated(p: Purchase): DatedBasket {
  return { at: p.at, codes: p.items.map((i) => i.code), segment: p.segment };
}

export class ShopRecommender implements Recommender {
  #catalogue: { at: number; map: Map<string, CatalogueInfo> } | undefined;
  #sales: { at: number; baskets: DatedBasket[] } | undefined;
  readonly #now: () => number;

  constructor(
    private readonly retail: RetailStore,
    private readonly client: RetailClient,
    private readonly options: ShopRecommenderOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  /** Forget cached catalogue and sales (after an import, a catalogue edit or training). */
  invalidate(): void {
    this.#catalogue = undefined;
    this.#sales = undefined;
  }

  async forMember(member: Member): Promise<CardRecommendation[]> {
    const history = member.loyaltyId ? await this.retail.purchasesOfCustomer(member.loyaltyId) : [];
    const profile = memberProfile(history.map(toDated), this.#now(), PROFILE);
    if (!profile.length) return this.forSegment(undefined, undefined);
    const downWeight = this.options.purchasedItems() === 'down-weight';
    const candidates = await this.client.recommend(profile, CARD_ITEMS * 5, [], downWeight);
    const catalogue = await this.#catalogueInfo();
    return rerank(
      candidates,
      catalogue,
      {
        ...DEFAULT_RERANK,
        count: CARD_ITEMS,
        purchased: new Set(profile.map((p) => p.code)),
        purchasedPolicy: downWeight ? DEFAULT_RERANK.purchasedPolicy : 'filter',
      },
      strings.card.reasons,
    ).map(toCard);
  }

  async forSegment(ageBand: string | undefined, gender: string | undefined): Promise<CardRecommendation[]> {
    const now = this.#now();
    const [catalogue, baskets] = await Promise.all([this.#catalogueInfo(), this.#baskets()]);
    const segment = segmentKey(ageBand, gender);
    const sellers = bestSellers(baskets, segment, now, BEST_SELLERS);
    // Best sellers by rank (1, 1/2, 1/3 …), promotions ranked by their discount among the top of the list.
    const candidates = new Map<string, Candidate>();
    sellers.codes.forEach((code, i) => candidates.set(code, { code, score: 1 / (i + 1) }));
    for (const [code, info] of catalogue) {
      if (!info.discountPercent || candidates.has(code)) continue;
      candidates.set(code, { code, score: 0.2 + info.discountPercent / 500 });
    }
    const who = segment && sellers.forSegment ? segmentLabel(ageBand, gender) : undefined;
    const text = {
      ...strings.card.reasons,
      popular: who ? () => strings.card.reasons.popularWith(who) : strings.card.reasons.popular,
    };
    return rerank(
      [...candidates.values()],
      catalogue,
      { ...DEFAULT_RERANK, count: CARD_ITEMS, purchased: new Set() },
      text,
    ).map(toCard);
  }

  async #catalogueInfo(): Promise<Map<string, CatalogueInfo>> {
    const now = this.#now();
    if (this.#catalogue && now - this.#catalogue.at < CACHE_MS) return this.#catalogue.map;
    const map = new Map<string, CatalogueInfo>();
    for (const p of await this.retail.listProducts()) {
      const discount = activeDiscount(p, now);
      map.set(p.code, {
        name: p.name,
        category: p.category,
        price: p.price,
        ...(discount ? { discountPercent: discount.percent } : {}),
      });
    }
    this.#catalogue = { at: now, map };
    return map;
  }

  async #baskets(): Promise<DatedBasket[]> {
    const now = this.#now();
    if (this.#sales && now - this.#sales.at < CACHE_MS) return this.#sales.baskets;
    const baskets = (await this.retail.purchasesByTime()).map(toDated);
    this.#sales = { at: now, baskets };
    return baskets;
  }
}

function segmentLabel(ageBand: string | undefined, gender: string | undefined): string {
  const g = gender === 'female' ? 'women' : gender === 'male' ? 'men' : 'people';
  return `${g} ${ageBand ?? ''}`.trim();
}

function toCard(r: {
  code: string;
  name: string;
  price: number;
  discountPercent?: number | undefined;
  reason: string;
}) {
  const card: CardRecommendation = {
    code: r.code,
    name: r.name,
    price: r.price,
    reason: r.reason,
    ...(r.discountPercent ? { discountPercent: r.discountPercent } : {}),
  };
  return card;
}
