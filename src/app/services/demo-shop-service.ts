// The built-in demo shop: on first run it writes a generated shop (deterministic, labelled as demo data) and
// trains the recommender on it, reporting progress for the Counter and Products screens; one button removes it.
import { DEMO_SELF_CUSTOMER, generateDemoShop } from '../../core/demo/demo-shop';
import { Observable } from '../../core/observable';
import type { DemoDataStore } from '../../store/demo-data-store';
import type { PurchasesStore } from '../../store/purchases-store';
import type { MembersService } from './members-service';
import type { RecommendationService } from './recommendation-service';
import { errorText } from '../../i18n/error-text';

/** The demo shop's first-run progress, shown on the Counter and Products screens. */
export type DemoState =
  | { readonly state: 'absent' }
  | { readonly state: 'loading' }
  | { readonly state: 'training'; readonly fraction: number }
  | { readonly state: 'ready'; readonly products: number; readonly purchases: number }
  | { readonly state: 'failed'; readonly message: string };

export interface DemoShopDeps {
  readonly demoData: Pick<DemoDataStore, 'load' | 'remove' | 'isLoaded'>;
  readonly purchases: Pick<PurchasesStore, 'count'>;
  readonly recommendations: Pick<RecommendationService, 'train' | 'forget'>;
  readonly members: Pick<MembersService, 'members'>;
}

export class DemoShopService {
  readonly state = new Observable<DemoState>({ state: 'absent' });

  constructor(private readonly deps: DemoShopDeps) {}

  /** Unlocked: demo data loaded in an earlier session shows as ready. */
  async detect(): Promise<void> {
    if ((await this.deps.demoData.isLoaded()) && this.state.value.state === 'absent') {
      this.state.set({ state: 'ready', products: 0, purchases: 0 });
    }
  }

  /** Writes the demo shop and trains on it. Never throws; a failure is shown and loses nothing. */
  async load(): Promise<void> {
    try {
      this.state.set({ state: 'loading' });
      const shop = generateDemoShop({ now: Date.now() });
      const loaded = await this.deps.demoData.load(shop);
      this.state.set({ state: 'training', fraction: 0 });
      await this.deps.recommendations.train((fraction) => this.state.set({ state: 'training', fraction }));
      this.state.set({ state: 'ready', ...loaded });
    } catch (err) {
      this.state.set({ state: 'failed', message: errorText(err) });
    }
  }

  /** Removes the demo products and sales, and retrains on what is left (if anything). */
  async remove(): Promise<void> {
    await this.deps.demoData.remove();
    this.state.set({ state: 'absent' });
    if ((await this.deps.purchases.count()) >= 2) await this.deps.recommendations.train(() => undefined);
    else await this.deps.recommendations.forget();
  }

  /**
   * A demo customer with a purchase history, offered as the loyalty id of the first member enrolled while the
   * demo shop is loaded (the user trying it on themselves), so their card has recommendations at once.
   */
  loyaltyIdForFirstMember(): string | undefined {
    return this.state.value.state === 'ready' && this.deps.members.members.value.size === 0
      ? DEMO_SELF_CUSTOMER
      : undefined;
  }
}
