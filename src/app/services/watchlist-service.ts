// The watch-list as the counter uses it: flags (a member, or a face in view by its template), renewals and
// removals, and the alert raised once per flagged person per track when the counter identifies them.
import { Observable } from '../../core/observable';
import { DAY } from '../../core/time/durations';
import { dot } from '../../core/tracking/vectors';
import type { KeyVault } from '../../store/key-vault';
import { DEFAULT_WATCH_DAYS, type WatchEntry, type WatchlistStore } from '../../store/watchlist-store';
import type { CounterSession } from '../counter/counter-session';
import type { TrackView } from '../counter/counter-types';
import type { MembersService } from './members-service';
import type { SettingsService } from './settings-service';
import { strings } from '../../i18n/strings';

export interface WatchAlert {
  readonly entryId: string;
  readonly trackId: number;
  /** Member name or visitor number ('' when neither is known). */
  readonly label: string;
  readonly reason: string;
  readonly at: number;
}

/** The alert as staff read it, wherever it is shown (the counter, or the banner on other screens). */
export function watchAlertText(alert: WatchAlert): string {
  return alert.label ? strings.watch.alertFor(alert.label, alert.reason) : strings.watch.alert(alert.reason);
}

export interface WatchlistDeps {
  readonly store: WatchlistStore;
  readonly vault: Pick<KeyVault, 'isUnlocked' | 'secondManager'>;
  readonly settings: SettingsService;
  readonly members: Pick<MembersService, 'members' | 'policy'>;
  readonly counter: Pick<CounterSession, 'state' | 'embedding'>;
  readonly playAlertSound: () => void;
}

export class WatchlistService {
  /** Entries in force (decrypted; empty while locked). */
  readonly entries = new Observable<readonly WatchEntry[]>([]);
  /** The alert showing on the counter, if any. */
  readonly alert = new Observable<WatchAlert | undefined>(undefined);
  readonly #alerted = new Set<string>();

  constructor(private readonly deps: WatchlistDeps) {}

  /** Days a flagged face that is not a member's is kept (Settings › Privacy). */
  get faceDays(): number {
    return this.deps.settings.value.watchFaceDays;
  }

  /** Unlocked: expired entries (and non-members' faces past their retention) go, the rest are loaded. */
  async load(): Promise<void> {
    await this.deps.store.purgeExpired(this.faceDays * DAY);
    this.entries.set(await this.deps.store.list());
  }

  /** Locked: entries and any alert leave memory and the screen. */
  clear(): void {
    this.entries.set([]);
    this.alert.set(undefined);
  }

  /** Whether the shop asks a second manager to confirm each new entry (Settings › Privacy). */
  get needsSecondManager(): boolean {
    return this.deps.settings.value.watchSecondManager;
  }

  /** How long an entry for this track would be kept, in days (a face that is not a member's: the face retention). */
  daysFor(trackId: number): number {
    const track = this.deps.counter.state.value.tracks.find((t) => t.id === trackId);
    return track?.memberId ? DEFAULT_WATCH_DAYS : Math.min(DEFAULT_WATCH_DAYS, this.faceDays);
  }

  /**
   * Flags the person on a track: a member by id, anyone else by their face template. When the shop asks for it,
   * `secondPassphrase` must be another manager's.
   */
  async flagTrack(
    trackId: number,
    reason: string,
    secondPassphrase?: string,
    days = DEFAULT_WATCH_DAYS,
  ): Promise<void> {
    const store = this.#requireStore();
    const confirmedBy = this.needsSecondManager
      ? await this.deps.vault.secondManager(secondPassphrase ?? '')
      : undefined;
    const track = this.deps.counter.state.value.tracks.find((t) => t.id === trackId);
    const embedding = this.deps.counter.embedding(trackId);
    // A face that is not a member's is kept no longer than the face retention allows.
    if (!track?.memberId) days = Math.min(days, this.faceDays);
    await store.add(
      {
        ...(track?.memberId
          ? { memberId: track.memberId }
          : { embedding: embedding ? Float32Array.from(embedding) : undefined }),
        reason,
        expiresAt: Date.now() + days * DAY,
      },
      confirmedBy,
    );
    this.entries.set(await store.list());
  }

  async flagMember(memberId: string, reason: string, days = DEFAULT_WATCH_DAYS): Promise<void> {
    const store = this.#requireStore();
    await store.add({
      memberId,
      reason,
      expiresAt: Date.now() + days * DAY,
    });
    this.entries.set(await store.list());
  }

  async renew(id: string, days = DEFAULT_WATCH_DAYS): Promise<void> {
    const store = this.#requireStore();
    const entry = this.entries.value.find((e) => e.id === id);
    if (entry && !entry.memberId) days = Math.min(days, this.faceDays);
    await store.renew(id, Date.now() + days * DAY);
    this.entries.set(await store.list());
  }

  async remove(id: string): Promise<void> {
    const store = this.#requireStore();
    await store.remove(id);
    this.entries.set(await store.list());
  }

  /**
   * A manager opens the list: checked and audited here, so a screen cannot show it without both. Resolves with
   * the entries in force.
   */
  async view(): Promise<readonly WatchEntry[]> {
    const store = this.#requireStore();
    await store.logViewed();
    this.entries.set(await store.list());
    return this.entries.value;
  }

  dismissAlert(): void {
    this.alert.set(undefined);
  }

  /** A track's identity was decided (the counter's onIdentified): alert if they are flagged. */
  async check(track: TrackView): Promise<void> {
    const entries = this.entries.value;
    if (!entries.length || track.kind === 'suspect') return;
    const embedding = this.deps.counter.embedding(track.id);
    const threshold = this.deps.members.policy.threshold;
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
      ? (this.deps.members.members.value.get(hit.memberId)?.displayName ?? '')
      : track.visitorId !== undefined
        ? `#${track.visitorId}`
        : '';
    this.alert.set({ entryId: hit.id, trackId: track.id, label, reason: hit.reason, at: Date.now() });
    if (this.deps.settings.value.alertSound) this.deps.playAlertSound();
    await this.deps.store.logSighting(hit.id).catch(() => undefined);
  }

  #requireStore(): WatchlistStore {
    if (!this.deps.vault.isUnlocked) throw new Error(strings.errors.unlockFirst);
    return this.deps.store;
  }
}
