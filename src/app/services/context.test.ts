// The context protocol as the shell and the pages use it: a request for a context is answered by its provider
// only, once, and goes no further.
import { describe, expect, it, vi } from 'vitest';
import { type Context, ContextRequestEvent, createContext, provide } from './context';

/** A one-time request for `context`, as an element inside the provider's host makes it (never the host itself). */
function request<T>(context: Context<symbol, T>, callback: (value: T) => void) {
  return new ContextRequestEvent(context, new EventTarget() as unknown as Element, callback);
}

describe('context protocol', () => {
  it('answers a request for its context, and only that one', () => {
    const host = new EventTarget();
    const numbers = createContext<number>('numbers');
    const words = createContext<string>('words');
    provide(host, numbers, 42);
    const got: unknown[] = [];
    host.dispatchEvent(request(numbers, (v) => got.push(v)));
    host.dispatchEvent(request(words, (v) => got.push(v)));
    expect(got).toEqual([42]);
  });

  it('stops the request at the nearest provider', () => {
    const host = new EventTarget();
    const numbers = createContext<number>('numbers');
    provide(host, numbers, 1);
    const event = request(numbers, () => undefined);
    expect(event.bubbles && event.composed).toBe(true);
    const stop = vi.spyOn(event, 'stopPropagation');
    host.dispatchEvent(event);
    expect(stop).toHaveBeenCalledOnce();
  });
});
