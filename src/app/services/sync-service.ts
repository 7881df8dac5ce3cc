// Replication with the shop's server (docs/design/sync.md), as the app sees it: Settings › Sync sets it up (the
// first tablet creates the chain, the next join with a pairing code), and once set up every change to a record
// that replicates is captured in the outbox (store/change-capture.ts), sent by the sync worker, and other
// tablets' changes are written here. It runs only while unlocked (the records are sealed under the data key) and
// never in the counter's way: sending and applying happen in the background, one batch at a time.
import { Observable } from '../../core/observable';
import type { ReplicationState, SyncConnection, SyncFailureReason, SyncSecrets } from '../../shared/sync-api';
import type { SyncClient } from '../../client/sync-client';
import type { Database } from '../../store/database';
import type { KeyVault } from '../../store/key-vault';
import { CHAIN_DAY_EVERY_MS, type ReplicatedRecords } from '../../store/replicated-records';
import type { MembersService } from './members-service';
import type { SettingsService } from './settings-service';
import type { StaffService } from './staff-service';
import type { WatchlistService } from './watchlist-service';

/** What the status strip and Settings › Sync show. */
export type SyncStatus =
  | { readonly state: 'off' }
  | { readonly state: 'locked'; readonly pending: number }
  | { readonly state: 'up-to-date' }
  | { readonly state: 'sending'; readonly pending: number }
  | { readonly state: 'offline'; readonly since: number; readonly pending: number }
  | { readonly state: 'error'; readonly reason: string };

export type SyncOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: SyncFailureReason };

export interface SyncDeps {
  readonly database: Database;
  readonly vault: Pick<KeyVault, 'isUnlocked' | 'assertMay'>;
  readonly records: ReplicatedRecords;
  readonly client: SyncClient;
  readonly members: Pick<MembersService, 'refresh'>;
  /** Staff users and the watch-list, reloaded when another tablet changed them. */
  readonly staff: Pick<StaffService, 'load'>;
  readonly watchlist: Pick<WatchlistService, 'load'>;
  readonly settings: Pick<SettingsService, 'load'>;
  /** The shop's retention window, in whole days (what anonymous visitors' day keys are kept for). */
  readonly retentionDays: () => number;
}

/** Outbox rows sent per batch: small enough that a batch never holds the worker up for long. */
const BATCH = 200;
/** How often a syncing tablet looks for days of its figures due to go to the chain (a quarter of their pace). */
const CHAIN_DAYS_CHECK_MS = CHAIN_DAY_EVERY_MS / 4;

export class SyncService {
  readonly status = new Observable<SyncStatus>({ state: 'off' });
  /** The connection this tablet syncs with (no password), while unlocked; undefined when it does not sync. */
  readonly connection = new Observable<Omit<SyncConnection, 'password'> | undefined>(undefined);
  #replication: ReplicationState = { state: 'sending' };
  #pending = 0;
  #running = false;
  /** Stops what starts a drain: captured changes, and the timer for the chain's days. */
  #stopDrains: (() => void) | undefined;
  /** Sends, pulls and saves run one at a time. */
  #queue: Promise<unknown> = Promise.resolve();
  #drainQueued = false;
  /** Why the last send or pull failed, until one succeeds. */
  #failure: string | undefined;

  constructor(private readonly deps: SyncDeps) {}

  /** Storage opened: a tablet that syncs captures changes from now on, even while locked (sent after unlock). */
  async opened(): Promise<void> {
    if (await this.deps.records.isSyncing()) {
      this.deps.database.captureChanges(true);
      this.#pending = await this.deps.records.pendingCount();
      this.status.set({ state: 'locked', pending: this.#pending });
    }
  }

  /** Unlocked: a tablet that syncs starts replicating. */
  async unlocked(): Promise<void> {
    const secrets = await this.deps.records.secrets();
    if (secrets) await this.#start(secrets);
  }

  /** Locking: replication stops and the worker (with the keys) ends; changes wait in the outbox. */
  async locked(): Promise<void> {
    const was = this.#running;
    await this.#stop();
    this.connection.set(undefined);
    if (was) this.status.set({ state: 'locked', pending: this.#pending });
  }

  /** The first tablet: creates the chain and shop on the server, and sends every member this tablet has. */
  create(connection: SyncConnection): Promise<SyncOutcome> {
    this.deps.vault.assertMay('settings');
    return this.#setUp(async (tablet) => this.deps.client.create(connection, tablet), true);
  }

  /** A further tablet: joins the shop with a pairing code. */
  join(connection: SyncConnection, code: string): Promise<SyncOutcome> {
    this.deps.vault.assertMay('settings');
    return this.#setUp((tablet) => this.deps.client.join(connection, code, tablet), false);
  }

  /**
   * A code for the next tablet of this shop, or (`newShop`) for the first tablet of another shop of the chain,
   * written on the server (sealed) for ten minutes.
   */
  async offerPairing(
    newShop = false,
  ): Promise<{ ok: true; code: string; expiresAt: number } | { ok: false; reason: SyncFailureReason }> {
    this.deps.vault.assertMay('settings');
    const result = await this.deps.client.offerPairing(newShop);
    return result.ok ? { ok: true, ...result.value } : result;
  }

  /** Stops syncing on this tablet: its records stay, the server's copy is left to the other tablets. */
  async stop(): Promise<void> {
    this.deps.vault.assertMay('settings');
    await this.#stop();
    this.deps.database.captureChanges(false);
    await this.deps.records.forget();
    this.#pending = 0;
    this.connection.set(undefined);
    this.status.set({ state: 'off' });
  }

  async #setUp(
    make: (tablet: string) => Promise<{ ok: true; value: SyncSecrets } | { ok: false; reason: SyncFailureReason }>,
    first: boolean,
  ): Promise<SyncOutcome> {
    const tablet = await this.deps.database.installId();
    const result = await make(tablet);
    if (!result.ok) return result;
    await this.deps.records.saveSecrets(result.value);
    // Everything this tablet already has goes out once; from now on each change is captured as it is made.
    this.deps.database.captureChanges(true);
    await this.deps.records.queueEverything({ settings: first });
    await this.#start(result.value);
    return { ok: true };
  }

  async #start(secrets: SyncSecrets): Promise<void> {
    // The worker stays: it may have just created or joined the chain, and opening closes any engine it had.
    await this.#detach();
    const { database, client } = this.deps;
    database.captureChanges(true);
    this.#running = true;
    const { password: _password, ...shown } = secrets.connection;
    this.connection.set(shown);
    await client.open(secrets, await database.installId(), this.deps.retentionDays(), {
      onState: (state) => {
        this.#replication = state;
        this.#report();
      },
      onIncoming: () => void this.#pull(),
    });
    const stopCapture = database.onCaptured(() => void this.#drain());
    // A quiet counter still sends its finished days, and today's last changes, to the chain.
    const timer = setInterval(() => void this.#drain(), CHAIN_DAYS_CHECK_MS);
    this.#stopDrains = () => {
      stopCapture();
      clearInterval(timer);
    };
    void this.#drain();
    void this.#pull();
  }

  /** Stops replication and ends the worker (with the keys). */
  async #stop(): Promise<void> {
    await this.#detach();
    await this.deps.client.close();
  }

  /** Stops sending and pulling here, once the batch under way is done. */
  async #detach(): Promise<void> {
    this.#stopDrains?.();
    this.#stopDrains = undefined;
    this.#running = false;
    await this.#queue.catch(() => undefined);
  }

  #report(): void {
    if (!this.#running) return;
    const r = this.#replication;
    const pending = this.#pending;
    if (this.#failure !== undefined) this.status.set({ state: 'error', reason: this.#failure });
    else if (r.state === 'error') this.status.set(r);
    else if (r.state === 'offline') this.status.set({ ...r, pending });
    else if (pending > 0 || r.state === 'sending') this.status.set({ state: 'sending', pending });
    else this.status.set({ state: 'up-to-date' });
  }

  /** Sends the outbox, a batch at a time, until it is empty. */
  #drain(): Promise<void> {
    if (this.#drainQueued) return Promise.resolve();
    this.#drainQueued = true;
    return this.#serial(async () => {
      this.#drainQueued = false;
      const { records, client } = this.deps;
      for (;;) {
        if (!this.#running || !this.deps.vault.isUnlocked) return;
        const rows = await records.pending(BATCH);
        this.#pending = await records.pendingCount();
        this.#report();
        if (!rows.length) break;
        const outgoing = (await Promise.all(rows.map((r) => records.outgoing(r)))).flat();
        if (outgoing.length) await client.send(outgoing);
        await records.sent(rows);
      }
      // The chain's figures: days of this counter's figures that are due (ReplicatedRecords.chainDaysDue).
      const days = await records.chainDaysDue(Date.now());
      if (days.records.length) {
        await client.send(days.records);
        await days.sent();
      }
      await this.#saveSecrets();
    });
  }

  /** Writes here what other tablets changed. */
  #pull(): Promise<void> {
    return this.#serial(async () => {
      if (!this.#running || !this.deps.vault.isUnlocked) return;
      const { records, erased } = await this.deps.client.pull();
      if (!records.length && !erased.length) return;
      const applied = await this.deps.records.apply(records, erased);
      if (applied.members) await this.deps.members.refresh();
      if (applied.staff) await this.deps.staff.load();
      if (applied.watchlist) await this.deps.watchlist.load();
      if (applied.settings) await this.deps.settings.load();
      await this.#saveSecrets();
    });
  }

  /** The keyring grows with each new member and moves with each erasure: kept sealed after every change. */
  async #saveSecrets(): Promise<void> {
    if (this.#running) await this.deps.records.saveSecrets(await this.deps.client.secrets());
  }

  #serial(work: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(work).then(
      () => {
        if (this.#failure === undefined) return;
        this.#failure = undefined;
        this.#report();
      },
      (err: unknown) => {
        // Shown until a later send or pull succeeds (the replication's own state does not hide it).
        this.#failure = err instanceof Error ? err.message : String(err);
        this.#report();
      },
    );
    this.#queue = run;
    return run;
  }
}
