// Locks the app after a period without interaction (touch, mouse, keyboard), so a tablet left at the counter
// does not keep members' data on screen.
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export class IdleLock {
  timeoutMs = 15 * 60_000;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  readonly #onActivity = () => this.#arm();
  /** Back from the background: timers may have been frozen or throttled there, so check the elapsed time. */
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible' && performance.now() - this.#lastActivity >= this.timeoutMs) {
      this.onIdle();
    }
  };
  #lastActivity = 0;

  constructor(private readonly onIdle: () => void) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const e of ACTIVITY) window.addEventListener(e, this.#onActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#arm();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    for (const e of ACTIVITY) window.removeEventListener(e, this.#onActivity, { capture: true });
    document.removeEventListener('visibilitychange', this.#onVisibility);
  }

  #arm(): void {
    // performance.now(), not Date.now(): a change of the wall clock must neither lock nor keep the app unlocked.
    this.#lastActivity = performance.now();
    clearTimeout(this.#timer);
    if (this.#running) this.#timer = setTimeout(() => this.onIdle(), this.timeoutMs);
  }
}
