// The composition root: every service the app runs on, built once, each given exactly what it depends on, and
// the order things happen in when storage opens, on unlock and on lock. The app shell builds them at start-up
// and provides each one to the pages through its own context (services/contexts.ts). The test build's hooks are
// wired here and nowhere else (behind __TEST_HOOKS__, so the shipped bundle has none of them).
import { RetailClient } from '../client/retail-client';
import { SyncClient } from '../client/sync-client';
import { FaceEngineClient } from '../client/face-engine';
import { PRESENTATION_SETTINGS } from '../core/liveness/defaults';
import { VISITOR_POLICY } from '../core/recognition/defaults';
import { falseMatchRate } from '../core/recognition/strictness';
import { DEFAULT_SETTINGS } from '../core/settings/settings';
import { VisitorRegistry } from '../core/tracking/visitors';
import { setLocale } from '../i18n/strings';
import { type Store, createStore } from '../store/store';
import { exposeDiagnostics, logVisit } from '../test-hooks/diagnostics';
import { recordingEngineWorker } from '../test-hooks/engine-worker';
import { engineTestOptions, livenessOverride } from '../test-hooks/test-options';
import { AlertSound } from './alert-sound';
import { CounterSession } from './counter/counter-session';
import { frameThumbnail } from './counter/frame-thumbnail';
import { provide } from './services/context';
import * as contexts from './services/contexts';
import { DemoShopService } from './services/demo-shop-service';
import { EngineService } from './services/engine-service';
import { type IdleTimer, LockSession } from './services/lock-session';
import { MembersService } from './services/members-service';
import { RecommendationService } from './services/recommendation-service';
import { SalesService } from './services/sales-service';
import { SalesLedger } from './services/sales-ledger';
import { SettingsService } from './services/settings-service';
import { StaffService } from './services/staff-service';
import { SyncService } from './services/sync-service';
import { AuditService } from './services/audit-service';
import { VisitsService } from './services/visits-service';
import { WatchlistService } from './services/watchlist-service';

export interface Services {
  readonly lock: LockSession;
  readonly settings: SettingsService;
  readonly staff: StaffService;
  readonly audit: AuditService;
  readonly engine: EngineService;
  readonly counter: CounterSession;
  readonly members: MembersService;
  readonly visits: VisitsService;
  readonly watchlist: WatchlistService;
  readonly recommendations: RecommendationService;
  readonly sales: SalesService;
  readonly ledger: SalesLedger;
  readonly demo: DemoShopService;
  /** Replication with the shop's server (off unless Settings › Sync set it up). */
  readonly sync: SyncService;
  /** The watch-list alert's sound, armed by the first tap (see alert-sound.ts). */
  readonly alertSound: AlertSound;
  /** Ends the visits on screen, as when the camera stops, and resolves once they are recorded. */
  endVisits(): Promise<void>;
  /** Starts the face engine and opens storage; failures show in the engine's and the lock session's state. */
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** What the services run on; unit tests give their own. */
export interface ServiceParts {
  readonly store: Store;
  readonly faceEngine: FaceEngineClient;
  readonly retailClient: RetailClient;
  readonly syncClient: SyncClient;
  /** What locks the app when idle (the browser's IdleLock by default). */
  readonly idleTimer: (onIdle: () => void) => IdleTimer;
  readonly alertSound: AlertSound;
  /** Where the last counted moment is kept across reloads (localStorage by default). */
  readonly lastCounted: { read(): number | undefined; write(at: number): void };
}

/** localStorage key: when the counter last counted (a time, nothing personal), for the camera-off gaps. */
const LAST_COUNTED_KEY = 'counterpart.lastCountedAt';

const localLastCounted: ServiceParts['lastCounted'] = {
  read: () => {
    // No localStorage in unit tests (Node) nor when the browser blocks it: the first gap is then not known.
    if (typeof localStorage === 'undefined') return undefined;
    const value = Number(localStorage.getItem(LAST_COUNTED_KEY) ?? NaN);
    return Number.isFinite(value) ? value : undefined;
  },
  write: (at) => {
    try {
      if (typeof localStorage !== 'undefined') localStorage.setItem(LAST_COUNTED_KEY, String(at));
    } catch {
      // Storage full or blocked: the next reload's gap starts at its first frame instead.
    }
  },
};

export function createServices(parts: Partial<ServiceParts> = {}): Services {
  const store = parts.store ?? createStore();
  const settings = new SettingsService(store.settings, undefined, () => store.vault.assertMay('settings'));
  const staff = new StaffService(store.vault);
  const audit = new AuditService({ log: store.audit, vault: store.vault });
  const alertSound = parts.alertSound ?? new AlertSound();
  const engine = new EngineService(
    // The test build starts the worker through the test hooks, so that a test can make it crash.
    parts.faceEngine ?? new FaceEngineClient(__TEST_HOOKS__ ? recordingEngineWorker : undefined),
    __TEST_HOOKS__ ? { assumeLive: livenessOverride(), testInitOptions: engineTestOptions } : {},
  );
  const members = new MembersService({
    store: store.members,
    vault: store.vault,
    database: store.database,
    engine,
    settings,
  });
  const visitors = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, DEFAULT_SETTINGS.retentionHours * 3600_000);
  const visits = new VisitsService({
    store: store.visits,
    vault: store.vault,
    purchases: store.purchases,
    chainFigures: store.chainFigures,
    visitors,
    settings,
    lastCounted: parts.lastCounted ?? localLastCounted,
  });
  const counter: CounterSession = new CounterSession({
    engine: engine.client,
    gallery: () => members.gallery,
    policy: () => members.policy,
    presentation: PRESENTATION_SETTINGS,
    assumeLive: engine.assumeLive,
    attributes: () => {
      const s = settings.value;
      return { age: s.showAge, gender: s.showGender, emotion: s.showEmotion };
    },
    visitors,
    thumbnail: frameThumbnail,
    onIdentified: (track) => void watchlist.check(track),
    onVisit: (visit) => {
      if (__TEST_HOOKS__) logVisit(visit);
      visits.record(visit);
    },
  });
  const watchlist = new WatchlistService({
    store: store.watchlist,
    vault: store.vault,
    settings,
    members,
    counter,
    playAlertSound: () => alertSound.play(),
  });
  const client = parts.retailClient ?? new RetailClient();
  const shopLocale = () => settings.locale;
  const shopCurrency = () => settings.currency;
  const sales = new SalesService({
    products: store.products,
    purchases: store.purchases,
    imports: store.imports,
    client,
    members,
    locale: shopLocale,
    currency: shopCurrency,
  });
  const ledger = new SalesLedger({
    products: store.products,
    purchases: store.purchases,
    members,
    currency: shopCurrency,
  });
  const recommendations = new RecommendationService({
    products: store.products,
    purchases: store.purchases,
    itemModels: store.itemModels,
    client,
    settings,
    sales,
  });
  const sync = new SyncService({
    database: store.database,
    vault: store.vault,
    records: store.replication,
    // The worker starts only when the shop syncs (SyncClient starts it on first use).
    client: parts.syncClient ?? new SyncClient(),
    members,
    staff,
    watchlist,
    settings,
    retentionDays: () => Math.max(1, Math.ceil(settings.value.retentionHours / 24)),
  });
  const demo = new DemoShopService({ demoData: store.demoData, purchases: store.purchases, recommendations, members });

  const endVisits = async () => {
    counter.reset();
    await visits.settled();
  };
  let stopPurging = (): void => undefined;
  let settingsRead = (): void => undefined;
  const settingsLoaded = new Promise<void>((resolve) => (settingsRead = resolve));
  const lock = new LockSession(
    store.database,
    store.vault,
    {
      opened: async () => {
        stopPurging = visits.startPurging();
        await settings.load();
        settingsRead();
        await sync.opened();
        await visits.continueNumbering();
      },
      unlocked: async () => {
        // Visits counted while locked (anonymous: nobody could be recognised) end here; the people still in view
        // are seen afresh, now with the members and the saved visitors to recognise them by.
        await endVisits();
        await staff.load();
        await members.refresh();
        await visits.restoreVisitors();
        await watchlist.load();
        void recommendations.load();
        await demo.detect();
        // In the background: the first pull may take a while, and the counter must not wait for it.
        void sync.unlocked();
      },
      beforeLock: endVisits,
      // Nothing personal stays in memory while locked: names, gallery, anonymous templates and identities go.
      // The counter goes on (unless the shop switched that off: the counter page is then closed, and its camera
      // with it), with nobody to recognise: every face is a new anonymous visitor, re-identified only against the
      // people seen since the lock, whose templates stay in memory until the unlock and are never written.
      locked: () => {
        void sync.locked();
        watchlist.clear();
        counter.reset();
        visits.forgetVisitors();
        members.clear();
        staff.clear();
      },
    },
    parts.idleTimer,
  );
  settings.settings.subscribe((s) => (lock.idleTimeoutMs = s.lockTimeoutMinutes * 60_000));
  // Text, numbers and dates on every screen follow the shop's locale (the browser's until the settings are read).
  setLocale(settings.locale);
  settings.settings.subscribe(() => setLocale(settings.locale));
  // Every analysed frame is a moment the counter was counting (Analytics shows the stretches between as gaps).
  let analysed = 0;
  counter.state.subscribe((s) => {
    if (s.analysedFrames === analysed) return;
    analysed = s.analysedFrames;
    visits.counted(Date.now(), performance.now());
  });
  // The engine starts again whenever the shop's backend choice changes (start() below reads the first one).
  settings.settings.subscribe((s) => void engine.useBackend(s.backend));

  const services: Services = {
    lock,
    settings,
    staff,
    audit,
    engine,
    counter,
    members,
    visits,
    watchlist,
    recommendations,
    sales,
    ledger,
    demo,
    sync,
    alertSound,
    endVisits,
    start: async () => {
      const opening = lock.start();
      if (__TEST_HOOKS__) exposeDiagnostics(services);
      // The engine starts on the shop's backend choice, so it waits for the settings (or, if the database cannot
      // open, for that to be known, and starts on the default), not for the lock screen.
      await Promise.race([settingsLoaded, opening]);
      void engine.start(settings.value.backend);
      await opening;
    },
    dispose: async () => {
      stopPurging();
      await sync.locked();
      lock.dispose();
      await engine.client.dispose();
    },
  };
  return services;
}

/** Makes each service available to the elements inside `host` through its context. */
export function provideServices(host: EventTarget, s: Services): void {
  provide(host, contexts.lockContext, s.lock);
  provide(host, contexts.settingsContext, s.settings);
  provide(host, contexts.staffContext, s.staff);
  provide(host, contexts.auditContext, s.audit);
  provide(host, contexts.engineContext, s.engine);
  provide(host, contexts.counterContext, s.counter);
  provide(host, contexts.membersContext, s.members);
  provide(host, contexts.visitsContext, s.visits);
  provide(host, contexts.watchlistContext, s.watchlist);
  provide(host, contexts.recommendationsContext, s.recommendations);
  provide(host, contexts.salesContext, s.sales);
  provide(host, contexts.salesLedgerContext, s.ledger);
  provide(host, contexts.demoShopContext, s.demo);
  provide(host, contexts.syncContext, s.sync);
}
