// Keeps the tablet's screen on while the counter's camera runs, as an appliance on a counter should (an iPad
// left alone dims and locks after a minute or two, and a locked tablet counts nobody). The browser drops a
// wake lock whenever the page is hidden, so it is asked for again each time the page is shown while wanted.
// Where the Screen Wake Lock API is missing (older Safari) this does nothing and the device's own auto-lock
// setting applies (the README says how to set it).
import type { Settings } from '../core/settings/settings';

/** The part of WakeLockSentinel used here. */
export interface WakeSentinel {
  readonly released: boolean;
  release(): Promise<void>;
}

export interface ScreenWakeDeps {
  /** navigator.wakeLock, when the browser has it. */
  readonly wakeLock: { request(type: 'screen'): Promise<WakeSentinel> } | undefined;
  readonly document: Pick<Document, 'visibilityState' | 'addEventListener'>;
}

export class ScreenWake {
  #wanted = false;
  #sentinel: WakeSentinel | undefined;
  #requesting: Promise<void> | undefined;

  constructor(private readonly deps: ScreenWakeDeps) {
    deps.document.addEventListener('visibilitychange', () => {
      if (this.#wanted && deps.document.visibilityState === 'visible') void this.#acquire();
    });
  }

  /** Whether the browser can keep the screen on at all. */
  get supported(): boolean {
    return this.deps.wakeLock !== undefined;
  }

  /** Whether a wake lock is held now. */
  get held(): boolean {
    return this.#sentinel !== undefined && !this.#sentinel.released;
  }

  /** Keep the screen on (true) or let it sleep again (false). */
  async keepOn(wanted: boolean): Promise<void> {
    this.#wanted = wanted;
    if (wanted) await this.#acquire();
    else {
      const sentinel = this.#sentinel;
      this.#sentinel = undefined;
      await sentinel?.release().catch(() => undefined);
    }
  }

  async #acquire(): Promise<void> {
    if (!this.deps.wakeLock || this.held || this.deps.document.visibilityState !== 'visible') return;
    this.#requesting ??= this.deps.wakeLock
      .request('screen')
      .then((sentinel) => {
        // Let go at once if the counter stopped while the request was pending.
        if (this.#wanted) this.#sentinel = sentinel;
        else void sentinel.release().catch(() => undefined);
      })
      .catch(() => undefined) // refused (battery saver, not allowed): the screen sleeps as the device decides
      .finally(() => (this.#requesting = undefined));
    await this.#requesting;
  }
}

/** The shop's setting: keep the screen on always, never, or only when the app is installed (the default). */
export type KeepScreenOn = Settings['keepScreenOn'];

/** Opened from the home screen (or as an installed app) rather than in a browser tab. */
export function isInstalled(): boolean {
  const ios = (navigator as { standalone?: boolean }).standalone === true;
  return ios || window.matchMedia('(display-mode: standalone)').matches;
}

export function keepScreenOnApplies(setting: KeepScreenOn, installed: boolean): boolean {
  return setting === 'always' || (setting === 'when-installed' && installed);
}
