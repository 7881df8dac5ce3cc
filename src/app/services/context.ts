// How pages and components get the services they use: @lit/context (the context community protocol). An element
// asks with a bubbling, composed `context-request` event when it connects; the app shell, which provides every
// service, answers synchronously. The services are built once and never replaced, so nobody subscribes.
// This module keeps the app's three calls short: one context per service, `@consume(ctx)` on a property, and
// `provide(host, ctx, value)` in the composition root.
import {
  type Context,
  ContextEvent,
  ContextProvider,
  createContext as createLitContext,
  consume as litConsume,
} from '@lit/context';

export { ContextEvent as ContextRequestEvent };
export type { Context };

/** A key for one service; compared by identity (a unique symbol), typed by what it carries. */
export function createContext<T>(name: string): Context<symbol, T> {
  return createLitContext<T, symbol>(Symbol(name));
}

/** Property decorator: the property is set from the nearest provider of `context` as the element connects. */
export function consume<T>(context: Context<symbol, T>) {
  return litConsume({ context });
}

/** Answers requests for `context` made inside `host` (its light and shadow trees) with `value`. */
export function provide<T>(host: EventTarget, context: Context<symbol, T>, value: T): void {
  // ContextProvider only needs the host's event methods (and uses addController when the host has one).
  new ContextProvider(host as HTMLElement, { context, initialValue: value });
}
