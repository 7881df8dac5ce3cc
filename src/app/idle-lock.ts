// Locks the app after a period without interaction (touch, mouse, keyboard), so a tablet left at the counter
// does not keep members' data on screen.
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export class IdleLock {
  timeoutMs = 15 * 60_000;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  readonly #onActivity = () => this.#arm();

  constructor(private readonly onIdle: () => void) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const e of ACTIVITY) window.addEventListener(e, this.#onActivity, { passive: true, capture: true });
    this.#arm();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    for (const e of ACTIVITY) window.removeEventListener(e, this.#onActivity, { capture: true });
  }

  #arm(): void {
    clearTimeout(this.#timer);
    if (this.#running) this.#timer = setTimeout(() => this.onIdle(), this.timeoutMs);
  }
}
