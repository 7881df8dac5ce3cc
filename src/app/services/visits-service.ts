// Visits: recording each one the counter reports (with the zone, and the anonymous visitor's template for the
// retention window), the retention purge, the anonymous visitors kept across reloads, a member's visit figures and
// what the Analytics screen shows.
import { CountingGaps, type Gap } from '../../core/analytics/counting-gaps';
import type { VisitorRegistry } from '../../core/tracking/visitors';
import type { KeyVault } from '../../store/key-vault';
import type { PurchasesStore } from '../../store/purchases-store';
import type { MemberVisitStats, VisitsStore } from '../../store/visits-store';
import { type AnalyticsData, type AnalyticsRange, loadAnalytics } from '../analytics/analytics-data';
import type { ChainFiguresStore } from '../../store/chain-figures-store';
import type { VisitSummary } from '../counter/counter-types';
import { DAY, HOUR } from '../../core/time/durations';
import type { SettingsService } from './settings-service';

/** The retention window is applied at start and this often while the app runs. */
const PURGE_EVERY_MS = 3600_000;

export interface VisitsDeps {
  readonly store: VisitsStore;
  readonly vault: Pick<KeyVault, 'isUnlocked' | 'memberLookup'>;
  /** For the Analytics screen's member purchases. */
  readonly purchases: Pick<PurchasesStore, 'countMemberBetween'>;
  /** For the Analytics screen of a chain: the other shops' figures. */
  readonly chainFigures: Pick<ChainFiguresStore, 'between' | 'shops'>;
  readonly visitors: VisitorRegistry;
  readonly settings: SettingsService;
  /** Where the last moment the counter counted is kept across reloads (not personal: a time). */
  readonly lastCounted?: { read(): number | undefined; write(at: number): void };
}

/** The last counted moment is written at most this often. */
const LAST_COUNTED_EVERY_MS = 10_000;

export class VisitsService {
  readonly #pending = new Set<Promise<void>>();
  readonly #gaps: CountingGaps;
  #lastCountedWritten = -Infinity;

  constructor(private readonly deps: VisitsDeps) {
    this.#gaps = new CountingGaps(deps.lastCounted?.read());
  }

  /**
   * The counter analysed a frame at `now` (wall clock; `monotonic`: performance.now()). A silence before it long enough to be a gap (the camera
   * was off, the app closed) is recorded, so Analytics can show when nothing was counted.
   */
  counted(now: number, monotonic?: number): void {
    const gap = this.#gaps.counted(now, monotonic);
    if (gap) this.#track(this.#saveGap(gap));
    if (now - this.#lastCountedWritten >= LAST_COUNTED_EVERY_MS) {
      this.#lastCountedWritten = now;
      this.deps.lastCounted?.write(now);
    }
  }

  /** The stretch going on now in which nothing is counted, if any (Analytics shows it before it is recorded). */
  notCountingSince(now: number): Gap | undefined {
    return this.#gaps.ongoing(now);
  }

  async #saveGap(gap: Gap): Promise<void> {
    try {
      await this.deps.store.recordCameraOff(gap, this.deps.settings.value.zone);
    } catch (err) {
      console.warn('A camera-off stretch could not be saved:', err instanceof Error ? err.message : err);
    }
  }

  #track(pending: Promise<void>): void {
    this.#pending.add(pending);
    void pending.finally(() => this.#pending.delete(pending));
  }

  /** A visit ended (the counter's onVisit). Saved in the background; settled() waits for it. */
  record(v: VisitSummary): void {
    this.#track(this.#save(v));
  }

  /** Resolves once every visit reported so far is saved (or has failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }

  async #save(v: VisitSummary): Promise<void> {
    const { store, vault, visitors, settings } = this.deps;
    try {
      // A member's visit that ends just as the app locks cannot be tied to them any more (the lookup key has
      // gone): it is kept as an anonymous visit rather than lost.
      const visit = v.memberId !== undefined && !vault.isUnlocked ? { ...v, memberId: undefined } : v;
      await store.record({ ...visit, zone: settings.value.zone });
      const visitor = v.visitorId !== undefined ? visitors.visitors.find((x) => x.id === v.visitorId) : undefined;
      if (visitor && vault.isUnlocked) await store.saveAnonymousVisitor(visitor);
    } catch (err) {
      // A full disk must not stop the counter; the visit is lost, and the status says why.
      console.warn('A visit could not be saved:', err instanceof Error ? err.message : err);
    }
  }

  /** Purges now and then every hour; returns how to stop. */
  startPurging(): () => void {
    void this.purge();
    const timer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    return () => clearInterval(timer);
  }

  async purge(): Promise<void> {
    try {
      const retentionMs = this.deps.settings.value.retentionHours * 3600_000;
      this.deps.visitors.purge(Date.now());
      await this.deps.store.purge(Date.now(), retentionMs);
    } catch (err) {
      console.warn('The retention purge failed; it will be retried.', err instanceof Error ? err.message : err);
    }
  }

  /** Unlocked: anonymous visitors seen within the retention window keep their numbers across reloads. */
  async restoreVisitors(): Promise<void> {
    const saved = await this.deps.store.loadAnonymousVisitors().catch(() => []);
    this.deps.visitors.restore(saved, Date.now());
  }

  /**
   * Storage opened (perhaps locked, after a reload): visitor numbers given from now on follow the ones on record,
   * so a visitor counted while locked is never taken for one seen earlier.
   */
  async continueNumbering(): Promise<void> {
    const since = Date.now() - this.deps.settings.value.retentionHours * HOUR - 2 * DAY;
    const highest = await this.deps.store.highestVisitorNumber(since).catch(() => 0);
    this.deps.visitors.continueAfter(highest);
  }

  /** Locked: anonymous templates and identities leave memory. */
  forgetVisitors(): void {
    this.deps.visitors.clear();
  }

  memberStats(memberId: string): Promise<MemberVisitStats> {
    return this.deps.store.memberStats(memberId);
  }

  /** What the Analytics screen shows for a date range (and shop of the chain); members name the attendance log. */
  analytics(
    range: AnalyticsRange,
    members: Iterable<{ readonly id: string; readonly displayName: string }>,
    formerMember: string,
  ): Promise<AnalyticsData> {
    const { store, vault, purchases, chainFigures } = this.deps;
    return loadAnalytics({ visits: store, vault, purchases, chainFigures, members, formerMember }, range);
  }

  /** The other shops of the chain whose figures this tablet has (none unless the shop syncs). */
  chainShops(): Promise<string[]> {
    return this.deps.chainFigures.shops();
  }
}
