// When the counter was not counting. Footfall has no entry for "nobody was looking": an hour with no visits could
// be an empty shop or a camera that was off (the app locked with counting switched off while locked, the tablet
// asleep, the browser closed). The counter analyses a frame at least every few seconds whenever it counts, even
// with nobody in view (core/counter/idle-pacing.ts), so a longer silence between two analysed frames is a time
// it was not counting. Those stretches are recorded and Analytics shows them as "camera off".

/** A silence this long between two analysed frames is a gap (idle frames come at most a few seconds apart). */
export const COUNTING_GAP_MS = 30_000;

/** A stretch of time [from, to) in which nothing was counted. */
export type Gap = readonly [from: number, to: number];

export class CountingGaps {
  /** The monotonic clock's reading at the last counted moment, within this page's life. */
  #lastMonotonic: number | undefined;

  /** `lastCountedAt`: when counting was last known to run (e.g. before a reload), if ever. */
  constructor(
    private lastCountedAt: number | undefined,
    private readonly gapMs = COUNTING_GAP_MS,
  ) {}

  /**
   * A frame was analysed at `now` (wall clock; `monotonic`: performance.now(), when known): returns the gap it
   * ends, if any. Within a page's life the silence is measured on the monotonic clock, so setting the tablet's
   * clock is not a gap; across a reload only the wall clock can tell.
   */
  counted(now: number, monotonic?: number): Gap | undefined {
    const last = this.lastCountedAt;
    const lastMonotonic = this.#lastMonotonic;
    this.lastCountedAt = now;
    this.#lastMonotonic = monotonic;
    if (last === undefined) return undefined;
    const silence = monotonic !== undefined && lastMonotonic !== undefined ? monotonic - lastMonotonic : now - last;
    return silence > this.gapMs ? [now - silence, now] : undefined;
  }

  /** The gap going on at `now`, if counting has stopped (for Analytics, before it is recorded). */
  ongoing(now: number): Gap | undefined {
    const last = this.lastCountedAt;
    return last !== undefined && now - last > this.gapMs ? [last, now] : undefined;
  }
}

/** Gaps overlapping [from, to), clipped to it, merged and in time order. */
export function gapsInRange(gaps: Iterable<Gap>, from: number, to: number): Gap[] {
  const clipped = [...gaps]
    .filter(([a, b]) => b > from && a < to)
    .map(([a, b]): [number, number] => [Math.max(a, from), Math.min(b, to)])
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const g of clipped) {
    const last = merged.at(-1);
    if (last && g[0] < last[1]) last[1] = Math.max(last[1], g[1]);
    else merged.push([g[0], g[1]]);
  }
  return merged;
}
