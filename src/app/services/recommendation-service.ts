// Recommendations: training the item model on the shop's sales in the retail worker (so the counter keeps
// running), loading the saved model when unlocked, and the card's suggestions. It follows the sales: when sales
// or the catalogue change it rebuilds co-occurrence on the new data and drops cached lists.
import type { CardRecommendation } from '../../components/customer-card/customer-card.component';
import type { RetailClient } from '../../client/retail-client';
import type { Member } from '../../core/members/member';
import { Observable } from '../../core/observable';
import type { TuningReport } from '../../core/recommend/tuner';
import { recommenderSettings } from '../../core/settings/settings';
import { strings } from '../../i18n/strings';
import type { ItemModelsStore } from '../../store/item-models-store';
import type { ProductsStore } from '../../store/products-store';
import type { PurchasesStore } from '../../store/purchases-store';
import { type Recommender, ShopRecommender } from '../recommend/shop-recommender';
import type { SalesService } from './sales-service';
import type { SettingsService } from './settings-service';

/** The recommendation model in use, as the Products screen describes it. */
export interface RecommenderModelInfo {
  readonly trainedAt: number;
  readonly baskets: number;
  /** How its settings were chosen; absent for models trained before the tuner existed. */
  readonly tuning: TuningReport | undefined;
}

export interface TrainingOutcome {
  readonly items: number;
  readonly baskets: number;
  readonly seconds: number;
  readonly tuning: TuningReport | undefined;
}

export interface RecommendationDeps {
  readonly products: Pick<ProductsStore, 'list'>;
  readonly purchases: Pick<PurchasesStore, 'ofCustomer' | 'byTime'>;
  readonly itemModels: Pick<ItemModelsStore, 'save' | 'latest' | 'deleteAll'>;
  readonly client: Pick<RetailClient, 'trainRecommender' | 'loadRecommender' | 'recommend'>;
  readonly settings: SettingsService;
  readonly sales: Pick<SalesService, 'onChange'>;
}

export class RecommendationService {
  /** The trained model in use (undefined before any training). */
  readonly model = new Observable<RecommenderModelInfo | undefined>(undefined);
  #recommender: Recommender | undefined;
  #shop: ShopRecommender | undefined;

  constructor(private readonly deps: RecommendationDeps) {
    deps.sales.onChange(() => this.#salesChanged());
  }

  /** Suggestions for a member (empty until a model has been trained on the shop's sales). */
  async forMember(member: Member): Promise<CardRecommendation[]> {
    return (await this.#recommender?.forMember(member)) ?? [];
  }

  /** Suggestions for an anonymous visitor's segment, plus current promotions. */
  async forSegment(ageBand: string | undefined, gender: string | undefined): Promise<CardRecommendation[]> {
    return (await this.#recommender?.forSegment(ageBand, gender)) ?? [];
  }

  /**
   * Trains on the stored sales: the settings are chosen on the shop's own most recent sales first, then the model
   * is retrained on all of them, saved and put to use. Rejects with an AbortError when cancelled; the previous
   * model then stays in use.
   */
  async train(onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<TrainingOutcome> {
    const { client, settings } = this.deps;
    const purchases = await this.deps.purchases.byTime();
    if (purchases.length < 2) throw new Error(strings.products.needSales);
    const summary = await client.trainRecommender(
      purchases.map((p) => p.items.map((i) => i.code)),
      recommenderSettings(settings.value),
      { onProgress: (p) => onProgress(p.overall), signal },
    );
    const trainedAt = Date.now();
    // Saved even without item2vec vectors: the chosen settings and how they were chosen are part of the model.
    await this.deps.itemModels.save({
      id: 'current',
      trainedAt,
      dataFrom: purchases[0]?.at ?? 0,
      dataTo: purchases[purchases.length - 1]?.at ?? 0,
      baskets: purchases.length,
      dim: summary.saved?.dim ?? 0,
      codes: summary.saved?.codes ?? [],
      vectors: summary.saved?.vectors ?? new Float32Array(0),
      ...(summary.saved ? { neighbours: summary.saved.neighbours } : {}),
      settings: summary.settings,
      ...(summary.tuning ? { tuning: summary.tuning } : {}),
    });
    this.model.set({ trainedAt, baskets: purchases.length, tuning: summary.tuning });
    this.#useShopRecommender();
    return { items: summary.items, baskets: summary.baskets, seconds: summary.seconds, tuning: summary.tuning };
  }

  /**
   * Puts the saved model (or, before any training, co-occurrence alone) to work on the current sales. Failures
   * leave the card without suggestions and are logged without personal data.
   */
  async load(): Promise<void> {
    const { client, settings } = this.deps;
    try {
      const purchases = await this.deps.purchases.byTime();
      if (!purchases.length) return;
      const row = await this.deps.itemModels.latest();
      this.model.set(row ? { trainedAt: row.trainedAt, baskets: row.baskets, tuning: row.tuning } : undefined);
      const saved = row?.neighbours && {
        codes: row.codes,
        dim: row.dim,
        vectors: row.vectors,
        neighbours: row.neighbours,
      };
      await client.loadRecommender(
        purchases.map((p) => p.items.map((i) => i.code)),
        row?.settings ?? recommenderSettings(settings.value),
        saved,
      );
      this.#useShopRecommender();
    } catch (err) {
      console.warn('The recommendation model could not be loaded:', err instanceof Error ? err.message : err);
    }
  }

  /** No sales left to learn from: the saved model goes and the card has no suggestions. */
  async forget(): Promise<void> {
    await this.deps.itemModels.deleteAll();
    this.model.set(undefined);
    this.#recommender = undefined;
  }

  async #salesChanged(): Promise<void> {
    this.#shop?.invalidate();
    await this.load();
  }

  #useShopRecommender(): void {
    this.#shop ??= new ShopRecommender(this.deps, this.deps.client, {
      purchasedItems: () => this.deps.settings.value.purchasedItems,
    });
    this.#shop.invalidate();
    this.#recommender = this.#shop;
  }
}
