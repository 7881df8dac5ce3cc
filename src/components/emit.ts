// The one way a component tells its page that something happened: a CustomEvent, by default bubbling and
// composed, so the page hears it however deep in shadow roots the component sits. Names and details are typed
// against HTMLElementEventMap, where each component declares the events it fires, so the two cannot drift apart.

/** The names declared in HTMLElementEventMap as CustomEvents (the components' own events). */
export type CustomEventName = {
  [K in keyof HTMLElementEventMap]: HTMLElementEventMap[K] extends CustomEvent ? K : never;
}[keyof HTMLElementEventMap];

export type DetailOf<K extends CustomEventName> = HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never;

export interface EmitOptions {
  /** Default true. */
  readonly bubbles?: boolean;
  /** Default true: crosses shadow-root boundaries. */
  readonly composed?: boolean;
  /** Default false. */
  readonly cancelable?: boolean;
}

/**
 * Dispatches `name` with `detail` on `target`. Returns dispatchEvent's answer: false only when the event is
 * cancelable and a listener called preventDefault().
 */
export function emit<K extends CustomEventName>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  options: EmitOptions = {},
): boolean {
  const { bubbles = true, composed = true, cancelable = false } = options;
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles, composed, cancelable }));
}
