// Hybrid logical clocks (Kulkarni et al., 2014): a timestamp that follows the wall clock when clocks agree and
// still orders causally related events when they do not (a tablet whose clock is behind never writes an edit that
// sorts before one it has already seen). Replicated edits carry one, and "last writer wins" compares them.
//
// A stamp is (wall ms, counter, tablet id). Its string form sorts like the stamp itself, so the comparison can be
// done on strings anywhere (in the sync worker, in a test reading the server).

export interface Hlc {
  /** Wall-clock milliseconds: the largest seen, local or remote. */
  readonly wall: number;
  /** Orders events within the same millisecond. */
  readonly counter: number;
  /** The tablet that made the event: the last tie-breaker, so the order is total and the same everywhere. */
  readonly tablet: string;
}

/** A remote stamp more than this far ahead of the local clock is refused (a tablet with a wildly wrong clock). */
export const MAX_DRIFT_MS = 24 * 3_600_000;

export class ClockDriftError extends Error {
  constructor(readonly aheadMs: number) {
    super(`a replicated change is stamped ${Math.round(aheadMs / 60_000)} minutes ahead of this tablet's clock`);
    this.name = 'ClockDriftError';
  }
}

/** The stamp of a local event after `last` (the clock's state) at wall time `now`. */
export function tick(last: Hlc, now: number): Hlc {
  if (now > last.wall) return { wall: now, counter: 0, tablet: last.tablet };
  return { wall: last.wall, counter: last.counter + 1, tablet: last.tablet };
}

/** The clock's state after receiving `remote` at wall time `now` (the next local tick sorts after `remote`). */
export function receive(last: Hlc, remote: Hlc, now: number): Hlc {
  if (remote.wall - now > MAX_DRIFT_MS) throw new ClockDriftError(remote.wall - now);
  const wall = Math.max(last.wall, remote.wall, now);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return { wall, counter, tablet: last.tablet };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a.wall - b.wall || a.counter - b.counter || (a.tablet < b.tablet ? -1 : a.tablet > b.tablet ? 1 : 0);
}

const WALL_DIGITS = 15; // milliseconds up to the year 33658
const COUNTER_DIGITS = 6;

/** "000001764763200000-000003-<tablet>": sorts as compareHlc does. */
export function formatHlc(h: Hlc): string {
  if (!Number.isSafeInteger(h.wall) || h.wall < 0) throw new RangeError(`bad clock wall time ${h.wall}`);
  if (!Number.isSafeInteger(h.counter) || h.counter < 0 || h.counter >= 10 ** COUNTER_DIGITS)
    throw new RangeError(`bad clock counter ${h.counter}`);
  return `${String(h.wall).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.tablet}`;
}

export function parseHlc(text: string): Hlc {
  const match = /^(\d{15})-(\d{6})-(.+)$/.exec(text);
  if (!match) throw new SyntaxError(`not a clock stamp: ${text.slice(0, 40)}`);
  return { wall: Number(match[1]), counter: Number(match[2]), tablet: match[3] as string };
}
