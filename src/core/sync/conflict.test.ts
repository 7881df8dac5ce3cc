import { describe, expect, it } from 'vitest';
import { type Version, winner } from './conflict';

const v = (wall: number, tablet: string, body: string, ended = false): Version<string> => ({
  hlc: { wall, counter: 0, tablet },
  body,
  ...(ended ? { ended } : {}),
});

describe('conflict rule', () => {
  it('the latest edit wins, and a tie in time goes to the same tablet everywhere', () => {
    expect(winner([v(1, 'a', 'old'), v(2, 'b', 'new')]).body).toBe('new');
    expect(winner([v(2, 'b', 'b'), v(2, 'a', 'a')]).body).toBe('b');
  });

  it('an ending beats an edit made later elsewhere', () => {
    expect(winner([v(1, 'a', 'erased', true), v(9, 'b', 'renamed offline')]).body).toBe('erased');
  });

  it('every order of the same versions gives the same winner', () => {
    const versions = [
      v(3, 'c', 'x'),
      v(3, 'a', 'y'),
      v(5, 'b', 'z'),
      v(1, 'd', 'gone', true),
      v(2, 'e', 'gone2', true),
    ];
    const winners = new Set<string>();
    for (let i = 0; i < versions.length; i++) {
      const rotated = [...versions.slice(i), ...versions.slice(0, i)];
      winners.add(winner(rotated).body);
      winners.add(winner([...rotated].reverse()).body);
    }
    expect([...winners]).toEqual(['gone2']);
  });

  it('refuses to choose from nothing', () => {
    expect(() => winner([])).toThrow(RangeError);
  });
});
