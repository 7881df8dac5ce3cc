import { describe, expect, it } from 'vitest';
import { EnvelopeError, type Payload, openEnvelope, sealEnvelope } from './envelope';
import { readableText } from '../test-support';
import { aesKey, idKey, newRawKey, randomDocId, recordDocId } from './keys';

const payload: Payload = {
  kind: 'member',
  id: 'm-1',
  hlc: '000001764763200000-000000-tablet-a',
  body: { displayName: 'Ada Lovelace', loyaltyId: 'L-7777' },
};

async function sealing() {
  const raw = await newRawKey();
  return { id: raw.id, key: await aesKey(raw.raw) };
}

describe('envelopes', () => {
  it('hold nothing readable: the kind, the ids and the body are all inside the ciphertext', async () => {
    const k = await sealing();
    const doc = await sealEnvelope('doc-1', payload, k);
    expect(Object.keys(doc).sort()).toEqual(['_id', 'ct', 'iv', 'key', 'v']);
    const text = readableText(doc);
    for (const secret of ['member', 'm-1', 'Ada', 'L-7777', 'tablet-a', '1764763200000'])
      expect(text).not.toContain(secret);
    expect(await openEnvelope(doc, (id) => (id === k.id ? k.key : undefined))).toEqual(payload);
  });

  it('a document whose key this tablet does not hold opens to nothing', async () => {
    const doc = await sealEnvelope('doc-1', payload, await sealing());
    expect(await openEnvelope(doc, () => undefined)).toBeUndefined();
  });

  it('a ciphertext moved to another document, or changed, is refused', async () => {
    const k = await sealing();
    const keys = (id: string) => (id === k.id ? k.key : undefined);
    const doc = await sealEnvelope('doc-1', payload, k);
    await expect(openEnvelope({ ...doc, _id: 'doc-2' }, keys)).rejects.toThrow(EnvelopeError);
    const flipped = doc.ct.startsWith('A') ? `B${doc.ct.slice(1)}` : `A${doc.ct.slice(1)}`;
    await expect(openEnvelope({ ...doc, ct: flipped }, keys)).rejects.toThrow(EnvelopeError);
    await expect(openEnvelope({ _id: 'x', name: 'Ada' }, keys)).rejects.toThrow(/not a Counterpart document/);
  });
});

describe('document and key ids', () => {
  it('an edited record has the same document id on every tablet holding the id key, and it tells nothing', async () => {
    const raw = await newRawKey();
    const [a, b] = [await idKey(raw.raw), await idKey(raw.raw)];
    const id = await recordDocId(a, 'member', 'm-1');
    expect(await recordDocId(b, 'member', 'm-1')).toBe(id);
    expect(await recordDocId(a, 'member', 'm-2')).not.toBe(id);
    expect(await recordDocId(a, 'product', 'm-1')).not.toBe(id);
    expect(await recordDocId(await idKey((await newRawKey()).raw), 'member', 'm-1')).not.toBe(id);
    expect(id).toMatch(/^[a-z2-7]{26}$/);
  });

  it('added records get random ids; key ids follow from the key', async () => {
    expect(randomDocId()).not.toBe(randomDocId());
    const k = await newRawKey();
    const again = await newRawKey();
    expect(k.id).toMatch(/^[a-z2-7]{26}$/);
    expect(k.id).not.toBe(again.id);
  });
});
