// How pages and components get the services they use: the context community protocol (the one @lit/context
// implements). An element asks with a bubbling, composed `context-request` event when it connects; the app shell,
// which provides every service, answers synchronously. The services are built once and never replaced, so this
// needs only the protocol's core (no subscriptions). @lit/context is not a dependency of the app; if it becomes
// one, its createContext/@consume/ContextProvider take this module's place without changing the pages.
import type { ReactiveElement } from 'lit';

/** A key for one kind of value; compared by identity, typed by what it carries. */
export interface Context<T> {
  readonly name: string;
  /** Type only: never set. */
  readonly __value?: T;
}

export function createContext<T>(name: string): Context<T> {
  return { name };
}

export class ContextRequestEvent<T> extends Event {
  constructor(
    readonly context: Context<T>,
    readonly callback: (value: T) => void,
    readonly subscribe = false,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/** Answers requests for `context` made inside `host` (its light and shadow trees) with `value`. */
export function provide<T>(host: EventTarget, context: Context<T>, value: T): void {
  host.addEventListener('context-request', (event) => {
    if (!(event instanceof ContextRequestEvent) || event.context !== context) return;
    event.stopPropagation();
    (event as ContextRequestEvent<T>).callback(value);
  });
}

/**
 * Property decorator: the property is set from the nearest provider of `context` as the element connects (in
 * super.connectedCallback(), so it is there for the rest of connectedCallback and every render).
 */
export function consume<T>(context: Context<T>) {
  return (proto: ReactiveElement, name: string): void => {
    (proto.constructor as typeof ReactiveElement).addInitializer((element) => {
      element.addController({
        hostConnected() {
          element.dispatchEvent(
            new ContextRequestEvent(context, (value) => {
              (element as unknown as Record<string, unknown>)[name] = value;
            }),
          );
        },
      });
    });
  };
}
