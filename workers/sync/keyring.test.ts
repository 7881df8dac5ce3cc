import { describe, expect, it } from 'vitest';
import { type Payload, openEnvelope, sealEnvelope } from './crypto/envelope';
import { firstEpoch } from './crypto/epochs';
import { keyId, newRawKey } from './crypto/keys';
import { Keyring } from './keyring';

async function ring(day = 20_000) {
  const raw = crypto.getRandomValues(new Uint8Array(32));
  return Keyring.of({
    chain: 'c1',
    ids: await newRawKey(),
    epoch: await firstEpoch(),
    shop: await newRawKey(),
    day: { day, raw, id: await keyId(raw) },
    members: new Map([['m-1', await newRawKey()]]),
  });
}

const visit: Payload = { kind: 'visit', id: 'v', hlc: '000000000000001-000000-a', body: { visitor: 7 } };

describe('keyring', () => {
  it('keeps the retention window of day keys: records of a day before it no longer open', async () => {
    const r = await ring();
    await r.keepDays(20_000, 2);
    const day0 = await r.dayKeyFor(20_000);
    const sealed = await sealEnvelope('d', visit, r.sealing(day0));
    expect(await openEnvelope(sealed, r.lookup)).toEqual(visit);
    // Two days later, with a window of two days, day 20,000 is out.
    await r.keepDays(20_002, 2);
    expect(r.day.day).toBe(20_001);
    expect(await openEnvelope(sealed, r.lookup)).toBeUndefined();
    await expect(r.dayKeyFor(20_000)).rejects.toThrow(/no longer held/);
    // Today's and tomorrow's are held.
    for (const day of [20_001, 20_002, 20_003]) expect(r.heldKeyIds()).toContain((await r.dayKeyFor(day)).id);
  });

  it('reads back what it stored, and forgets what it was told to', async () => {
    const r = await ring();
    const copy = await Keyring.fromJSON(JSON.parse(JSON.stringify(r)));
    expect(copy.heldKeyIds().sort()).toEqual(r.heldKeyIds().sort());
    const m1 = r.memberKey('m-1');
    r.forgetMember('m-1');
    expect(r.memberKey('m-1')).toBeUndefined();
    expect(r.heldKeyIds()).not.toContain(m1?.id);
    const stored = JSON.stringify(r);
    expect(stored).not.toContain('m-1');
  });
});
