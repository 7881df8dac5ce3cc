import { describe, expect, it } from 'vitest';
import { Observable } from './observable';

describe('Observable', () => {
  it('notifies on change only, and stops after unsubscribe', () => {
    const o = new Observable(1);
    const seen: number[] = [];
    const off = o.subscribe((v) => seen.push(v));
    o.set(1);
    o.set(2);
    o.update((v) => v + 1);
    off();
    o.set(4);
    expect(seen).toEqual([2, 3]);
    expect(o.value).toBe(4);
  });
});
