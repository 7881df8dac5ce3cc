// The lock session: opening storage, setting the passphrase up, unlocking, locking (by hand, when idle, after a
// backup import, or when the data goes away under the app), and the state the shell shows for it. What other
// services do at each step is given by the composition root (app/services.ts), in the order it runs them.
import { Observable } from '../../core/observable';
import { strings } from '../../i18n/strings';
import type { Database } from '../../store/database';
import { StoreBlockedError } from '../../store/errors';
import type { KeyVault } from '../../store/key-vault';
import { IdleLock } from '../idle-lock';
import { errorText } from '../../i18n/error-text';

export type StoreState =
  | { readonly state: 'opening' }
  | { readonly state: 'unavailable'; readonly message: string; readonly reload?: boolean }
  | { readonly state: 'setup-needed' }
  | { readonly state: 'locked' }
  | { readonly state: 'unlocked' };

export interface LockSteps {
  /** The database is open (before the lock screen shows). A failure shows storage as unavailable. */
  readonly opened: () => Promise<void>;
  /** Unlocked: load what the screens show. unlock() and setUp() resolve once this has run. */
  readonly unlocked: () => Promise<void>;
  /** About to lock by hand or when idle, with the key still here (visits on screen are recorded). */
  readonly beforeLock: () => Promise<void>;
  /** Locked, however it happened: nothing personal may stay in memory. */
  readonly locked: () => void;
}

/** What locks the app after a while without interaction (IdleLock in the browser, a fake in tests). */
export interface IdleTimer {
  timeoutMs: number;
  start(): void;
  stop(): void;
}

type Vault = Pick<KeyVault, 'isSetUp' | 'setUp' | 'unlock' | 'lock' | 'onLockChange'>;

export class LockSession {
  readonly state = new Observable<StoreState>({ state: 'opening' });
  readonly #idle: IdleTimer;

  constructor(
    private readonly database: Pick<Database, 'open' | 'onClosed'>,
    private readonly vault: Vault,
    private readonly steps: LockSteps,
    idle: (onIdle: () => void) => IdleTimer = (onIdle) => new IdleLock(onIdle),
  ) {
    this.#idle = idle(() => void this.lock());
    vault.onLockChange((locked) => {
      if (!locked) return;
      steps.locked();
      this.state.set({ state: 'locked' });
    });
    database.onClosed((reason) => {
      // The data went away under us (another tab upgraded it, or the browser removed it). The vault locked
      // itself first (the people on screen are gone); say what to do, rather than failing on every write.
      this.state.set({ state: 'unavailable', message: strings.storage.closed[reason], reload: true });
    });
    this.state.subscribe((s) => {
      if (s.state === 'unlocked') this.#idle.start();
      else this.#idle.stop();
    });
  }

  /** Opens storage; failures end up in `state`, never thrown. */
  async start(): Promise<void> {
    try {
      await this.database.open();
      await this.steps.opened();
      this.state.set({ state: (await this.vault.isSetUp()) ? 'locked' : 'setup-needed' });
    } catch (err) {
      // "Close the other tab, then try again": the reload button is the "try again".
      this.state.set({
        state: 'unavailable',
        message: errorText(err),
        reload: err instanceof StoreBlockedError,
      });
    }
  }

  set idleTimeoutMs(ms: number) {
    this.#idle.timeoutMs = ms;
  }

  /** First run: the passphrase and name of the first manager (none when left blank). */
  async setUp(passphrase: string, managerName?: string): Promise<void> {
    await this.vault.setUp(passphrase, managerName);
    await this.#afterUnlock();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.vault.unlock(passphrase);
    await this.#afterUnlock();
  }

  /** Ends the counter's visits (recording them while the key is still here), then locks. */
  async lock(): Promise<void> {
    await this.steps.beforeLock();
    this.vault.lock();
  }

  /** The app shell went away (tests): no idle timer keeps running. */
  dispose(): void {
    this.#idle.stop();
  }

  async #afterUnlock(): Promise<void> {
    this.state.set({ state: 'unlocked' });
    await this.steps.unlocked();
  }
}
