// The context protocol as the shell and the pages use it: a request for a context is answered by its provider
// only, once, and goes no further.
import { describe, expect, it, vi } from 'vitest';
import { ContextRequestEvent, createContext, provide } from './context';

describe('context protocol', () => {
  it('answers a request for its context, and only that one', () => {
    const host = new EventTarget();
    const numbers = createContext<number>('numbers');
    const words = createContext<string>('words');
    provide(host, numbers, 42);
    const got: unknown[] = [];
    host.dispatchEvent(new ContextRequestEvent(numbers, (v) => got.push(v)));
    host.dispatchEvent(new ContextRequestEvent(words, (v) => got.push(v)));
    expect(got).toEqual([42]);
  });

  it('stops the request at the nearest provider', () => {
    const host = new EventTarget();
    const numbers = createContext<number>('numbers');
    provide(host, numbers, 1);
    const request = new ContextRequestEvent(numbers, () => undefined);
    expect(request.bubbles && request.composed).toBe(true);
    const stop = vi.spyOn(request, 'stopPropagation');
    host.dispatchEvent(request);
    expect(stop).toHaveBeenCalledOnce();
  });
});
