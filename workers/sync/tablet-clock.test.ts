import { describe, expect, it } from 'vitest';
import { compareHlc, formatHlc, parseHlc } from '../../src/core/sync/hlc';
import { TabletClock } from './tablet-clock';

describe('TabletClock', () => {
  it('stamps after what it has read from a tablet whose clock is ahead', () => {
    const behind = new TabletClock('B', () => 1_000);
    const ahead = formatHlc({ wall: 60_000, counter: 3, tablet: 'A' });
    behind.receive(ahead);
    expect(compareHlc(parseHlc(behind.stamp()), parseHlc(ahead))).toBeGreaterThan(0);
  });

  it('does not follow a stamp more than a day ahead of its wall clock', () => {
    const clock = new TabletClock('B', () => 1_000);
    clock.receive(formatHlc({ wall: 1_000 + 2 * 86_400_000, counter: 0, tablet: 'A' }));
    expect(parseHlc(clock.stamp()).wall).toBe(1_000);
  });
});
