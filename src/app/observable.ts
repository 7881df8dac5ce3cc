// A minimal observable value and a Lit controller that re-renders its host when the value changes. App state is
// a handful of these; components read them and emit events, they never own shared state.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class Observable<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  set(value: T): void {
    if (Object.is(value, this.#value)) return;
    this.#value = value;
    for (const listener of this.#listeners) listener(value);
  }

  update(change: (current: T) => T): void {
    this.set(change(this.#value));
  }

  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export class ObserveController<T> implements ReactiveController {
  #unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly source: Observable<T>,
  ) {
    host.addController(this);
  }

  get value(): T {
    return this.source.value;
  }

  hostConnected(): void {
    this.#unsubscribe = this.source.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}

interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/** Re-renders `host` whenever any of `sources` changes, for as long as the host is connected. */
export function observe(host: ReactiveControllerHost, ...sources: Subscribable[]): void {
  const unsubscribers: (() => void)[] = [];
  host.addController({
    hostConnected() {
      for (const s of sources) unsubscribers.push(s.subscribe(() => host.requestUpdate()));
    },
    hostDisconnected() {
      for (const off of unsubscribers.splice(0)) off();
    },
  });
}
