// Retention on the server without purge (docs/design/sync.md, "Retention: a one-way day chain"). What a shop keeps
// only for its retention window (anonymous visitor templates, per-visitor fields) is sealed under the key of the
// day it was recorded. Each day's key is derived from the previous day's with HKDF, which cannot be run backwards:
// a tablet that holds only the keys of the window opens nothing older, wherever the old copies are.
import { type RawKey, derivedKey } from './keys';

export interface DayKey extends RawKey {
  /** Days since 1970-01-01 (UTC). */
  readonly day: number;
}

export class DayKeyGoneError extends Error {
  constructor(readonly day: number) {
    super(`the key of day ${day} is no longer held (it is older than the first day this tablet keeps)`);
    this.name = 'DayKeyGoneError';
  }
}

async function next(key: DayKey): Promise<DayKey> {
  return { day: key.day + 1, ...(await derivedKey(key.raw, 'counterpart next day key')) };
}

/** The key of `day`, derived forward from the oldest key held. */
export async function dayKey(oldest: DayKey, day: number): Promise<DayKey> {
  if (day < oldest.day) throw new DayKeyGoneError(day);
  let k = oldest;
  while (k.day < day) k = await next(k);
  return k;
}

/**
 * The oldest key to keep on `today` with a window of `windowDays` (the day the window starts): everything before
 * it is forgotten when the tablet stores this instead of what it held.
 */
export function windowStart(oldest: DayKey, today: number, windowDays: number): Promise<DayKey> {
  return dayKey(oldest, Math.max(oldest.day, today - windowDays + 1));
}
