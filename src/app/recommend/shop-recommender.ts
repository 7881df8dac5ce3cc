// The card's suggestions, from the trained model in the retail worker plus the shop's catalogue and sales:
// a member gets suggestions from their purchase history (core/recommend/member-suggestions.ts), an
// anonymous visitor (or a member with no history) their segment's best sellers and current promotions
// (segment-suggestions.ts). This class only fetches what those pure functions need, and caches it.
import type { CardRecommendation } from '../../components/customer-card/customer-card.component';
import type { RetailClient } from '../../client/retail-client';
import { activeDiscount } from '../../core/catalogue/catalogue';
import type { Member } from '../../core/members/member';
import { segmentKey, type DatedBasket } from '../../core/recommend/profile';
import { memberSuggestions } from '../../core/recommend/member-suggestions';
import type { CatalogueInfo } from '../../core/recommend/rerank';
import { segmentSuggestions } from '../../core/recommend/segment-suggestions';
import { strings } from '../../i18n/strings';
import type { ProductsStore } from '../../store/products-store';
import type { Purchase, PurchasesStore } from '../../store/purchases-store';

/** The catalogue and sales are re-read at most this often for segment lists (they change only on import). */
const CACHE_MS = 5 * 60_000;

/** Produces the card's suggestions. */
export interface Recommender {
  forMember(member: Member): Promise<CardRecommendation[]>;
  forSegment(ageBand: string | undefined, gender: string | undefined): Promise<CardRecommendation[]>;
}

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
    private readonly stores: {
      readonly products: Pick<ProductsStore, 'list'>;
      readonly purchases: Pick<PurchasesStore, 'ofCustomer' | 'byTime'>;
    },
    private readonly client: Pick<RetailClient, 'recommend'>,
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
    const history = member.loyaltyId ? await this.stores.purchases.ofCustomer(member.loyaltyId) : [];
    const client = this.client;
    const list = await memberSuggestions(history.map(toDated), this.#now(), {
      recommend: (items, k, exclude, keep) => client.recommend(items, k, exclude, keep),
      catalogue: await this.#catalogueInfo(),
      purchasedItems: this.options.purchasedItems(),
      text: strings.card.reasons,
    });
    return list ? list.map(toCard) : this.forSegment(undefined, undefined);
  }

  async forSegment(ageBand: string | undefined, gender: string | undefined): Promise<CardRecommendation[]> {
    const [catalogue, baskets] = await Promise.all([this.#catalogueInfo(), this.#baskets()]);
    const request = {
      segment: segmentKey(ageBand, gender),
      who: strings.card.reasons.who(gender, ageBand),
      now: this.#now(),
    };
    return segmentSuggestions(baskets, catalogue, request, strings.card.reasons).map(toCard);
  }

  async #catalogueInfo(): Promise<Map<string, CatalogueInfo>> {
    const now = this.#now();
    if (this.#catalogue && now - this.#catalogue.at < CACHE_MS) return this.#catalogue.map;
    const map = new Map<string, CatalogueInfo>();
    for (const p of await this.stores.products.list()) {
      // An archived product is no longer sold: never suggested.
      if (p.archived) continue;
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
    const baskets = (await this.stores.purchases.byTime()).map(toDated);
    this.#sales = { at: now, baskets };
    return baskets;
  }
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
