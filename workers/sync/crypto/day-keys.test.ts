import { describe, expect, it } from 'vitest';
import { type DayKey, DayKeyGoneError, dayKey, windowStart } from './day-keys';
import { keyId } from './keys';

async function anchor(day: number): Promise<DayKey> {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return { day, raw, id: await keyId(raw) };
}

describe('day keys', () => {
  it('every tablet holding an older key derives the same key for a later day', async () => {
    const d0 = await anchor(20_000);
    const d3 = await dayKey(d0, 20_003);
    const viaD1 = await dayKey(await dayKey(d0, 20_001), 20_003);
    expect(viaD1.raw).toEqual(d3.raw);
    expect(viaD1.id).toBe(d3.id);
    expect(d3.raw).not.toEqual(d0.raw);
  });

  it('a tablet that keeps only the window cannot get back to an earlier day', async () => {
    const d0 = await anchor(20_000);
    const start = await windowStart(d0, 20_010, 2);
    expect(start.day).toBe(20_009);
    await expect(dayKey(start, 20_008)).rejects.toThrow(DayKeyGoneError);
    // What it still derives is what the older key derives.
    expect((await dayKey(start, 20_010)).raw).toEqual((await dayKey(d0, 20_010)).raw);
  });

  it('a window never starts before the oldest key held', async () => {
    const d0 = await anchor(20_000);
    expect((await windowStart(d0, 20_001, 7)).day).toBe(20_000);
  });
});
