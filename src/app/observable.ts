// Lit controllers that re-render their host when an observable value (core/observable.ts) changes. App state is
// a handful of these; components read them and emit events, they never own shared state.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable } from '../core/observable';

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
