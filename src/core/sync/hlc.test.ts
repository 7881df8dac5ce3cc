import { describe, expect, it } from 'vitest';
import { ClockDriftError, type Hlc, MAX_DRIFT_MS, compareHlc, formatHlc, parseHlc, receive, tick } from './hlc';

const start = (tablet: string, wall = 1_000): Hlc => ({ wall, counter: 0, tablet });

describe('hybrid logical clock', () => {
  it('follows the wall clock, and counts within one millisecond or when the clock steps back', () => {
    let c = start('a');
    c = tick(c, 2_000);
    expect(c).toEqual({ wall: 2_000, counter: 0, tablet: 'a' });
    c = tick(c, 2_000);
    expect(c.counter).toBe(1);
    // The wall clock stepped back (NTP correction): the stamp still moves forward.
    const after = tick(c, 1_500);
    expect(compareHlc(after, c)).toBeGreaterThan(0);
    expect(after.wall).toBe(2_000);
  });

  it('an edit made after seeing a remote one sorts after it, even on a tablet whose clock is behind', () => {
    const remote = tick(start('b'), 10_000); // tablet b's clock is 9 s ahead
    let slow = receive(start('a'), remote, 1_000);
    slow = tick(slow, 1_001);
    expect(compareHlc(slow, remote)).toBeGreaterThan(0);
  });

  it('orders every pair of stamps the same way on every tablet (tablet id breaks ties)', () => {
    const x = { wall: 5, counter: 1, tablet: 'a' };
    const y = { wall: 5, counter: 1, tablet: 'b' };
    expect(compareHlc(x, y)).toBeLessThan(0);
    expect(compareHlc(y, x)).toBeGreaterThan(0);
    expect(compareHlc(x, { ...x })).toBe(0);
  });

  it('its text sorts as the stamps do, and reads back', () => {
    const stamps: Hlc[] = [
      { wall: 9, counter: 0, tablet: 'z' },
      { wall: 10, counter: 0, tablet: 'a' },
      { wall: 10, counter: 2, tablet: 'a' },
      { wall: 10, counter: 10, tablet: 'a' },
      { wall: 1_764_763_200_000, counter: 0, tablet: 'a' },
    ];
    const texts = stamps.map(formatHlc);
    expect([...texts].sort()).toEqual(texts);
    expect(texts.map(parseHlc)).toEqual(stamps);
    expect(() => parseHlc('yesterday')).toThrow(SyntaxError);
    expect(() => formatHlc({ wall: -1, counter: 0, tablet: 'a' })).toThrow(RangeError);
  });

  it('refuses a remote stamp a day ahead of this tablet', () => {
    const far = { wall: 1_000 + MAX_DRIFT_MS + 1, counter: 0, tablet: 'b' };
    expect(() => receive(start('a'), far, 1_000)).toThrow(ClockDriftError);
  });
});
