// Visits: recording each one the counter reports (with the zone, and the anonymous visitor's template for the
// retention window), the retention purge, the anonymous visitors kept across reloads, a member's visit figures and
// what the Analytics screen shows.
import type { VisitorRegistry } from '../../core/tracking/visitors';
import type { KeyVault } from '../../store/key-vault';
import type { PurchasesStore } from '../../store/purchases-store';
import type { MemberVisitStats, VisitsStore } from '../../store/visits-store';
import { type AnalyticsData, loadAnalytics } from '../analytics/analytics-data';
import type { VisitSummary } from '../counter/counter-types';
import type { SettingsService } from './settings-service';

/** The retention window is applied at start and this often while the app runs. */
const PURGE_EVERY_MS = 3600_000;

export interface VisitsDeps {
  readonly store: VisitsStore;
  readonly vault: Pick<KeyVault, 'isUnlocked' | 'memberLookup'>;
  /** For the Analytics screen's member purchases. */
  readonly purchases: Pick<PurchasesStore, 'countMemberBetween'>;
  readonly visitors: VisitorRegistry;
  readonly settings: SettingsService;
}

export class VisitsService {
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly deps: VisitsDeps) {}

  /** A visit ended (the counter's onVisit). Saved in the background; settled() waits for it. */
  record(v: VisitSummary): void {
    const pending = this.#save(v);
    this.#pending.add(pending);
    void pending.finally(() => this.#pending.delete(pending));
  }

  /** Resolves once every visit reported so far is saved (or has failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
  }

  async #save(v: VisitSummary): Promise<void> {
    const { store, vault, visitors, settings } = this.deps;
    try {
      await store.record({ ...v, zone: settings.value.zone });
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

  /** Locked: anonymous templates and identities leave memory. */
  forgetVisitors(): void {
    this.deps.visitors.clear();
  }

  memberStats(memberId: string): Promise<MemberVisitStats> {
    return this.deps.store.memberStats(memberId);
  }

  /** What the Analytics screen shows for a date range; members name the attendance log. */
  analytics(
    range: { from: number; to: number; zone?: string | undefined },
    members: Iterable<{ readonly id: string; readonly displayName: string }>,
    formerMember: string,
  ): Promise<AnalyticsData> {
    const { store, vault, purchases } = this.deps;
    return loadAnalytics({ visits: store, vault, purchases, members, formerMember }, range);
  }
}
