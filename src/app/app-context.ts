// Everything the app runs on, created once at start-up: the store (and its lock state), the face engine, the
// retail worker, settings, the gallery of enrolled members and the counter session. Components get what they
// need from here and render it; this is the only place these services are wired together.
import { FaceEngineClient } from '../client/face-engine';
import { RetailClient } from '../client/retail-engine';
import { type Gallery, type OpenSetPolicy, buildGallery } from '../core/recognition/gallery';
import { PRESENTATION_SETTINGS } from '../core/liveness/defaults';
import { VISITOR_POLICY } from '../core/recognition/defaults';
import { falseMatchRate, policyForStrictness } from '../core/recognition/strictness';
import { DEFAULT_SETTINGS, type Settings, readSettings, recommenderSettings } from '../core/settings/settings';
import { strings } from '../i18n/strings';
import { DEMO_SELF_CUSTOMER, generateDemoShop } from '../core/demo/demo-shop';
import { ShopRecommender } from './recommend/shop-recommender';
import type { TuningReport } from '../core/recommend/tuner';
import { VisitorRegistry } from '../core/tracking/visitors';
import type { Member, MemberProfile } from '../core/members/member';
import type { EngineInfo } from '../shared/face-engine-api';
import type { CardRecommendation } from '../components/customer-card/customer-card.component';
import { DEFAULT_WATCH_DAYS, type WatchEntry, type WatchlistStore } from '../store/watchlist-store';
import { playAlertSound } from './alert-sound';
import { dot } from '../core/tracking/vectors';
import { type Store, openStore } from '../store/store';
import { StoreBlockedError } from '../store/errors';
import { CounterSession, type TrackView, type VisitSummary } from './counter/counter-session';
import { Observable } from '../core/observable';
import { recordingEngineWorker } from '../test-hooks/engine-worker';
import { engineTestOptions, livenessOverride } from '../test-hooks/test-options';

export interface WatchAlert {
  readonly entryId: string;
  readonly trackId: number;
  /** Member name or visitor number ('' when neither is known). */
  readonly label: string;
  readonly reason: string;
  readonly at: number;
}

/** Produces the card's suggestions; backed by the trained item model (see app/recommend). */
export interface Recommender {
  forMember(member: Member): Promise<CardRecommendation[]>;
  forSegment(ageBand: string | undefined, gender: string | undefined): Promise<CardRecommendation[]>;
}

/** The recommendation model in use, as the Products screen describes it. */
export interface RecommenderModelInfo {
  readonly trainedAt: number;
  readonly baskets: number;
  /** How its settings were chosen; absent for models trained before the tuner existed. */
  readonly tuning: TuningReport | undefined;
}

/** The built-in demo shop's first-run progress, shown on the Counter and Products screens. */
export type DemoState =
  | { readonly state: 'absent' }
  | { readonly state: 'loading' }
  | { readonly state: 'training'; readonly fraction: number }
  | { readonly state: 'ready'; readonly products: number; readonly purchases: number }
  | { readonly state: 'failed'; readonly message: string };

export type StoreState =
  | { readonly state: 'opening' }
  | { readonly state: 'unavailable'; readonly message: string; readonly reload?: boolean }
  | { readonly state: 'setup-needed' }
  | { readonly state: 'locked' }
  | { readonly state: 'unlocked' };

const SETTINGS_KEY = 'app.settings';

export class AppContext {
  readonly storeState = new Observable<StoreState>({ state: 'opening' });
  readonly settings = new Observable<Settings>(DEFAULT_SETTINGS);
  readonly engineInfo = new Observable<EngineInfo | undefined>(undefined);
  /** Members by id (decrypted; empty while locked). */
  readonly members = new Observable<ReadonlyMap<string, Member>>(new Map());
  /** The test build starts the worker through the test hooks, so that a test can make it crash. */
  readonly engine = new FaceEngineClient(__TEST_HOOKS__ ? recordingEngineWorker : undefined);
  readonly visitors = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, DEFAULT_SETTINGS.retentionHours * 3600_000);
  readonly counter: CounterSession;
  /** Test build only: the liveness override for test clips (src/test-hooks/test-options.ts). Always false shipped. */
  readonly assumeLive: boolean = __TEST_HOOKS__ ? livenessOverride() : false;
  /** Watch-list entries in force (decrypted; empty while locked). */
  readonly watchlist = new Observable<readonly WatchEntry[]>([]);
  readonly demo = new Observable<DemoState>({ state: 'absent' });
  /** The trained recommendation model in use (undefined before any training). */
  readonly recommenderModel = new Observable<RecommenderModelInfo | undefined>(undefined);
  /** The watch-list alert showing on the counter, if any. */
  readonly alert = new Observable<WatchAlert | undefined>(undefined);

  #store: Store | undefined;
  #retail: Store['retail'] | undefined;
  #watch: WatchlistStore | undefined;
  readonly #alerted = new Set<string>();
  #retailClient: RetailClient | undefined;
  #visits: Store['visits'] | undefined;
  #recommender: Recommender | undefined;
  #shopRecommender: ShopRecommender | undefined;
  #gallery: Gallery | undefined;
  #policy: OpenSetPolicy = policyForStrictness(DEFAULT_SETTINGS.strictness);
  readonly #visitListeners = new Set<(v: VisitSummary) => void>();
  readonly #pendingVisits = new Set<Promise<void>>();

  constructor() {
    this.counter = new CounterSession({
      engine: this.engine,
      gallery: () => this.#gallery,
      policy: () => this.#policy,
      presentation: PRESENTATION_SETTINGS,
      assumeLive: this.assumeLive,
      attributes: () => {
        const s = this.settings.value;
        return { age: s.showAge, gender: s.showGender, emotion: s.showEmotion };
      },
      visitors: this.visitors,
      onIdentified: (track) => void this.#checkWatchlist(track),
      onVisit: (v) => {
        const pending = this.#recordVisit(v);
        this.#pendingVisits.add(pending);
        void pending.finally(() => this.#pendingVisits.delete(pending));
        for (const l of this.#visitListeners) l(v);
      },
    });
    this.settings.subscribe((s) => {
      this.#policy = policyForStrictness(s.strictness);
    });
  }

  get store(): Store | undefined {
    return this.#store;
  }

  get retail(): Store['retail'] | undefined {
    return this.#retail;
  }

  get retailClient(): RetailClient | undefined {
    return this.#retailClient;
  }

  onVisit(listener: (v: VisitSummary) => void): () => void {
    this.#visitListeners.add(listener);
    return () => this.#visitListeners.delete(listener);
  }

  /** Opens storage and starts the engine; failures end up in the observable states, never thrown. */
  async start(): Promise<void> {
    void this.#startEngine();
    try {
      const store = await openStore();
      this.#store = store;
      this.#retail = store.retail;
      this.#retailClient = new RetailClient(this.#retail);
      this.#visits = store.visits;
      this.#watch = store.watchlist;
      void this.#purge();
      // The retention window is applied at start and every hour while the app runs.
      setInterval(() => void this.#purge(), 3600_000);
      this.settings.set(readSettings(await store.settings.get(SETTINGS_KEY)));
      store.vault.onLockChange((locked) => {
        if (locked) this.#onLocked();
      });
      store.database.onClosed((reason) => {
        // The data went away under us (another tab upgraded it, or the browser removed it). The store locked
        // itself first (#onLocked has cleared the people on screen); say what to do, rather than failing on every
        // write.
        this.storeState.set({ state: 'unavailable', message: strings.storage.closed[reason], reload: true });
      });
      this.storeState.set({ state: (await store.vault.isSetUp()) ? 'locked' : 'setup-needed' });
    } catch (err) {
      // "Close the other tab, then try again": the reload button is the "try again".
      this.storeState.set({
        state: 'unavailable',
        message: err instanceof Error ? err.message : String(err),
        reload: err instanceof StoreBlockedError,
      });
    }
  }

  async #startEngine(): Promise<void> {
    try {
      this.engineInfo.set(
        await this.engine.init({
          backend: this.settings.value.backend,
          ...(__TEST_HOOKS__ ? engineTestOptions() : {}),
        }),
      );
    } catch {
      // The engine's own status observable carries the failure to the UI.
    }
  }

  async setUp(passphrase: string): Promise<void> {
    const store = this.#requireStore();
    await store.vault.setUp(passphrase);
    await this.#afterUnlock();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.#requireStore().vault.unlock(passphrase);
    await this.#afterUnlock();
  }

  /** Ends the counter's visits (recording them while the key is still here), then locks. */
  async lock(): Promise<void> {
    await this.endVisits();
    this.#store?.vault.lock();
  }

  /** Ends the visits on screen, as when the camera stops, and resolves once they are recorded. */
  async endVisits(): Promise<void> {
    this.counter.reset();
    await Promise.allSettled([...this.#pendingVisits]);
  }

  async #afterUnlock(): Promise<void> {
    this.storeState.set({ state: 'unlocked' });
    await this.refreshMembers();
    // Anonymous visitors seen within the retention window keep their numbers across reloads.
    const saved = await this.#visits?.loadAnonymousVisitors().catch(() => []);
    if (saved) this.visitors.restore(saved, Date.now());
    await this.#watch?.purgeExpired();
    this.watchlist.set((await this.#watch?.list()) ?? []);
    void this.#loadRecommender();
    if (this.#retail && (await this.#retail.hasDemoData()) && this.demo.value.state === 'absent') {
      this.demo.set({ state: 'ready', products: 0, purchases: 0 });
    }
  }

  /** Flags the person on a track: a member by id, anyone else by their face template. */
  async flagTrack(trackId: number, reason: string, days = DEFAULT_WATCH_DAYS): Promise<void> {
    const watch = this.#requireWatch();
    const track = this.counter.state.value.tracks.find((t) => t.id === trackId);
    const embedding = this.counter.embedding(trackId);
    await watch.add({
      ...(track?.memberId
        ? { memberId: track.memberId }
        : { embedding: embedding ? Float32Array.from(embedding) : undefined }),
      reason,
      staff: this.settings.value.staffName,
      expiresAt: Date.now() + days * 86_400_000,
    });
    this.watchlist.set(await watch.list());
  }

  async flagMember(memberId: string, reason: string, days = DEFAULT_WATCH_DAYS): Promise<void> {
    const watch = this.#requireWatch();
    await watch.add({
      memberId,
      reason,
      staff: this.settings.value.staffName,
      expiresAt: Date.now() + days * 86_400_000,
    });
    this.watchlist.set(await watch.list());
  }

  async renewFlag(id: string, days = DEFAULT_WATCH_DAYS): Promise<void> {
    const watch = this.#requireWatch();
    await watch.renew(id, Date.now() + days * 86_400_000, this.settings.value.staffName);
    this.watchlist.set(await watch.list());
  }

  async removeFlag(id: string): Promise<void> {
    const watch = this.#requireWatch();
    await watch.remove(id, this.settings.value.staffName);
    this.watchlist.set(await watch.list());
  }

  dismissAlert(): void {
    this.alert.set(undefined);
  }

  async #checkWatchlist(track: TrackView): Promise<void> {
    const entries = this.watchlist.value;
    if (!entries.length || track.kind === 'suspect') return;
    const embedding = this.counter.embedding(track.id);
    const threshold = this.#policy.threshold;
    const hit = entries.find((e) =>
      e.memberId
        ? e.memberId === track.memberId
        : e.embedding && embedding
          ? dot(e.embedding, embedding) >= threshold
          : false,
    );
    // One alert per flagged person per track.
    if (!hit || this.#alerted.has(`${hit.id}|${track.id}`)) return;
    this.#alerted.add(`${hit.id}|${track.id}`);
    const label = hit.memberId
      ? (this.members.value.get(hit.memberId)?.displayName ?? '')
      : track.visitorId !== undefined
        ? `#${track.visitorId}`
        : '';
    this.alert.set({ entryId: hit.id, trackId: track.id, label, reason: hit.reason, at: Date.now() });
    if (this.settings.value.alertSound) playAlertSound();
    await this.#watch?.logSighting(hit.id).catch(() => undefined);
  }

  #requireWatch(): WatchlistStore {
    if (!this.#watch || !this.#store?.vault.isUnlocked) throw new Error('Unlock Counterpart first.');
    return this.#watch;
  }

  #onLocked(): void {
    this.watchlist.set([]);
    this.alert.set(undefined);
    // Nothing personal stays in memory while locked: names, gallery, anonymous templates and identities go.
    this.counter.reset();
    this.visitors.clear();
    this.members.set(new Map());
    this.#gallery = undefined;
    this.storeState.set({ state: 'locked' });
  }

  /** Reloads members and rebuilds the gallery matrix (after enrolment, erasure, import). */
  async refreshMembers(): Promise<void> {
    const store = this.#store;
    if (!store?.vault.isUnlocked) return;
    const [members, templates] = await Promise.all([
      store.members.listMembers(),
      store.members.listTemplates(this.engineInfo.value?.embeddingModel),
    ]);
    this.members.set(new Map(members.map((m) => [m.id, m])));
    this.#gallery = buildGallery(templates, this.engineInfo.value?.embeddingDim);
  }

  get gallery(): Gallery | undefined {
    return this.#gallery;
  }

  get policy(): OpenSetPolicy {
    return this.#policy;
  }

  /** Stores a new member with their templates (one transaction) and rebuilds the gallery. */
  async enrolMember(
    profile: MemberProfile,
    templates: readonly Float32Array[],
    enrolledFrom: 'camera' | 'photos',
  ): Promise<Member> {
    const store = this.#requireStore();
    const modelId = this.engineInfo.value?.embeddingModel ?? this.engine.info?.embeddingModel;
    if (!modelId) throw new Error('The face engine is not ready yet.');
    if (!templates.length) throw new Error('No usable face captures.');
    const member = await store.members.addMember(
      profile,
      templates.map((vector) => ({ modelId, vector })),
      enrolledFrom,
    );
    await this.refreshMembers();
    return member;
  }

  /** Erases a member everywhere and forgets them in memory. */
  async eraseMember(memberId: string): Promise<void> {
    await this.#requireStore().members.eraseMember(memberId, this.settings.value.staffName);
    await this.refreshMembers();
  }

  async saveSettings(change: Partial<Settings>): Promise<void> {
    const next = readSettings({ ...this.settings.value, ...change });
    await this.#requireStore().settings.set(SETTINGS_KEY, next);
    this.settings.set(next);
  }

  async #purge(): Promise<void> {
    try {
      const retentionMs = this.settings.value.retentionHours * 3600_000;
      this.visitors.purge(Date.now());
      await this.#visits?.purge(Date.now(), retentionMs);
    } catch (err) {
      console.warn('The retention purge failed; it will be retried.', err instanceof Error ? err.message : err);
    }
  }

  get visits(): Store['visits'] | undefined {
    return this.#visits;
  }

  async #recordVisit(v: VisitSummary): Promise<void> {
    try {
      await this.#visits?.record({ ...v, zone: this.settings.value.zone });
      const visitor = v.visitorId !== undefined ? this.visitors.visitors.find((x) => x.id === v.visitorId) : undefined;
      if (visitor && this.#store?.vault.isUnlocked) await this.#visits?.saveAnonymousVisitor(visitor);
    } catch (err) {
      // A full disk must not stop the counter; the visit is lost, and the status says why.
      console.warn('A visit could not be saved:', err instanceof Error ? err.message : err);
    }
  }

  /** Visit count, last visit and favourite categories of a member. */
  async memberStats(
    memberId: string,
  ): Promise<{ visits: number; lastVisit: number | undefined; favouriteCategories: string[] }> {
    const visits = await this.#visits?.memberStats(memberId);
    const member = this.members.value.get(memberId);
    let favouriteCategories: string[] = [];
    if (member?.loyaltyId && this.#retail) {
      const purchases = await this.#retail.purchasesOfCustomer(member.loyaltyId);
      const products = new Map((await this.#retail.listProducts()).map((p) => [p.code, p]));
      const counts = new Map<string, number>();
      for (const p of purchases) {
        for (const item of p.items) {
          const category = products.get(item.code)?.category;
          if (category) counts.set(category, (counts.get(category) ?? 0) + 1);
        }
      }
      favouriteCategories = [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([c]) => c);
    }
    return { visits: visits?.visits ?? 0, lastVisit: visits?.lastVisit, favouriteCategories };
  }

  /** Recommendations for a member (empty until a model has been trained on the shop's sales). */
  async recommendForMember(member: Member): Promise<CardRecommendation[]> {
    return (await this.#recommender?.forMember(member)) ?? [];
  }

  /** Suggestions for an anonymous visitor's segment, plus current promotions. */
  async recommendForSegment(ageBand: string | undefined, gender: string | undefined): Promise<CardRecommendation[]> {
    return (await this.#recommender?.forSegment(ageBand, gender)) ?? [];
  }

  /**
   * Trains the recommendation model on the stored sales in the retail worker (so the counter keeps running):
   * the settings are chosen on the shop's own most recent sales first, then the model is retrained on all of
   * them, saved and put to use. Rejects with an AbortError when cancelled; the previous model then stays in use.
   */
  async trainRecommender(
    onProgress: (fraction: number) => void,
    signal?: AbortSignal,
  ): Promise<{ items: number; baskets: number; seconds: number; tuning: TuningReport | undefined }> {
    const retail = this.#requireRetail();
    const client = this.#requireRetailClient();
    const purchases = await retail.purchasesByTime();
    if (purchases.length < 2) throw new Error(strings.products.needSales);
    const summary = await client.trainRecommender(
      purchases.map((p) => p.items.map((i) => i.code)),
      recommenderSettings(this.settings.value),
      { onProgress: (p) => onProgress(p.overall), signal },
    );
    const trainedAt = Date.now();
    // Saved even without item2vec vectors: the chosen settings and how they were chosen are part of the model.
    await retail.saveItemModel({
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
    this.recommenderModel.set({ trainedAt, baskets: purchases.length, tuning: summary.tuning });
    this.#useShopRecommender();
    return { items: summary.items, baskets: summary.baskets, seconds: summary.seconds, tuning: summary.tuning };
  }

  /**
   * Puts the saved model (or, before any training, co-occurrence alone) to work on the current sales. Failures
   * leave the card without suggestions and are logged without personal data.
   */
  async #loadRecommender(): Promise<void> {
    try {
      const retail = this.#requireRetail();
      const purchases = await retail.purchasesByTime();
      if (!purchases.length) return;
      const row = await retail.latestItemModel();
      this.recommenderModel.set(
        row ? { trainedAt: row.trainedAt, baskets: row.baskets, tuning: row.tuning } : undefined,
      );
      const saved = row?.neighbours && {
        codes: row.codes,
        dim: row.dim,
        vectors: row.vectors,
        neighbours: row.neighbours,
      };
      await this.#requireRetailClient().loadRecommender(
        purchases.map((p) => p.items.map((i) => i.code)),
        row?.settings ?? recommenderSettings(this.settings.value),
        saved,
      );
      this.#useShopRecommender();
    } catch (err) {
      console.warn('The recommendation model could not be loaded:', err instanceof Error ? err.message : err);
    }
  }

  #useShopRecommender(): void {
    const retail = this.#requireRetail();
    this.#shopRecommender ??= new ShopRecommender(retail, this.#requireRetailClient(), {
      purchasedItems: () => this.settings.value.purchasedItems,
    });
    this.#shopRecommender.invalidate();
    this.#recommender = this.#shopRecommender;
  }

  /** Sales or the catalogue changed: rebuild co-occurrence on the new data and drop cached lists. */
  async salesChanged(): Promise<void> {
    this.#shopRecommender?.invalidate();
    await this.#loadRecommender();
  }

  /**
   * A sale entered at the counter: prices from the catalogue, linked to the member being served (their history
   * grows) or, for an anonymous visitor, to their estimated segment (for segment best sellers).
   */
  async recordCounterSale(
    lines: readonly { code: string; quantity: number }[],
    who: { memberId?: string | undefined; ageBand?: string | undefined; gender?: string | undefined },
  ): Promise<void> {
    const retail = this.#requireRetail();
    const products = new Map((await retail.listProducts()).map((p) => [p.code, p]));
    const items = lines.map((l) => ({ code: l.code, quantity: l.quantity, price: products.get(l.code)?.price ?? 0 }));
    const member = who.memberId ? this.members.value.get(who.memberId) : undefined;
    const segment = !member && who.ageBand && who.gender ? `${who.ageBand}|${who.gender}` : undefined;
    await retail.recordCounterSale(items, member?.loyaltyId, segment);
    await this.salesChanged();
  }

  /**
   * First run: writes the demo shop (generated here, deterministic, labelled as demo data) and trains the
   * recommender on it, reporting progress in `demo`. Never throws; a failure is shown and loses nothing.
   */
  async loadDemoShop(): Promise<void> {
    try {
      this.demo.set({ state: 'loading' });
      const retail = this.#requireRetail();
      const shop = generateDemoShop({ now: Date.now() });
      const loaded = await retail.loadDemoShop(shop);
      this.demo.set({ state: 'training', fraction: 0 });
      await this.trainRecommender((fraction) => this.demo.set({ state: 'training', fraction }));
      this.demo.set({ state: 'ready', ...loaded });
    } catch (err) {
      this.demo.set({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Removes the demo products and sales, and retrains on what is left (if anything). */
  async removeDemoShop(): Promise<void> {
    const retail = this.#requireRetail();
    await retail.removeDemoData();
    this.demo.set({ state: 'absent' });
    if ((await retail.countPurchases()) >= 2) await this.trainRecommender(() => undefined);
    else {
      await retail.deleteItemModels();
      this.recommenderModel.set(undefined);
      this.#recommender = undefined;
    }
  }

  /**
   * A demo customer with a purchase history, offered as the loyalty id of the first member enrolled while the
   * demo shop is loaded (the user trying it on themselves), so their card has recommendations at once.
   */
  demoLoyaltyId(): string | undefined {
    return this.demo.value.state === 'ready' && this.members.value.size === 0 ? DEMO_SELF_CUSTOMER : undefined;
  }

  #requireRetail(): Store['retail'] {
    if (!this.#retail) throw new Error('Storage is not available.');
    return this.#retail;
  }

  #requireRetailClient(): RetailClient {
    if (!this.#retailClient) throw new Error('Storage is not available.');
    return this.#retailClient;
  }

  set recommender(r: Recommender | undefined) {
    this.#recommender = r;
  }

  #requireStore(): Store {
    if (!this.#store) throw new Error('Storage is not available.');
    return this.#store;
  }
}
