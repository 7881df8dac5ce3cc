import { describe, expect, it } from 'vitest';
import {
  PBKDF2_ITERATIONS,
  WrongPassphraseError,
  createDataKey,
  importLookupKey,
  lookupHash,
  newLookupKeyMaterial,
  open,
  openJson,
  rewrapDataKey,
  seal,
  sealJson,
  unwrapDataKey,
} from './crypto';

// Most tests use few PBKDF2 rounds to stay fast; one uses the real count.
const FAST = 1000;

describe('data key wrapping', () => {
  it('uses at least 600k PBKDF2 iterations by default and round-trips with the right passphrase', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { key, wrap } = await createDataKey('correct horse battery staple');
    expect(wrap.iterations).toBe(PBKDF2_ITERATIONS);
    const sealed = await sealJson(key, { name: 'Ada' }, 'members/1');
    const again = await unwrapDataKey('correct horse battery staple', wrap);
    expect(await openJson(again, sealed, 'members/1')).toEqual({ name: 'Ada' });
  });

  it('reports a wrong passphrase as such', async () => {
    const { wrap } = await createDataKey('right', FAST);
    await expect(unwrapDataKey('wrong', wrap)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('re-wraps the same key under a new passphrase without touching the data', async () => {
    const { key, wrap } = await createDataKey('old pass', FAST);
    const sealed = await seal(key, new Uint8Array([1, 2, 3]), 'ctx');
    const rewrapped = await rewrapDataKey('old pass', 'new pass', wrap, FAST);
    expect(rewrapped.salt).not.toEqual(wrap.salt);
    await expect(unwrapDataKey('old pass', rewrapped)).rejects.toBeInstanceOf(WrongPassphraseError);
    const key2 = await unwrapDataKey('new pass', rewrapped);
    expect(await open(key2, sealed, 'ctx')).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('keeps the usable key non-extractable', async () => {
    const { key } = await createDataKey('p', FAST);
    expect(key.extractable).toBe(false);
  });
});

describe('sealing', () => {
  it('binds the ciphertext to its context', async () => {
    const { key } = await createDataKey('p', FAST);
    const sealed = await seal(key, new Uint8Array([9]), 'members/1');
    await expect(open(key, sealed, 'members/2')).rejects.toThrow();
  });

  it('detects tampering', async () => {
    const { key } = await createDataKey('p', FAST);
    const sealed = await seal(key, new Uint8Array([9, 9, 9]), 'x');
    const data = sealed.data.slice();
    data[0] = (data[0] ?? 0) ^ 1;
    await expect(open(key, { iv: sealed.iv, data }, 'x')).rejects.toThrow();
  });

  it('uses a fresh IV each time', async () => {
    const { key } = await createDataKey('p', FAST);
    const a = await seal(key, new Uint8Array([1]), 'x');
    const b = await seal(key, new Uint8Array([1]), 'x');
    expect(a.iv).not.toEqual(b.iv);
    expect(a.data).not.toEqual(b.data);
  });
});

describe('lookup hashes', () => {
  it('are stable per install key, differ across keys, and ignore surrounding spaces', async () => {
    const k1 = await importLookupKey(newLookupKeyMaterial());
    const k2 = await importLookupKey(newLookupKeyMaterial());
    expect(await lookupHash(k1, 'LOY-123')).toBe(await lookupHash(k1, ' LOY-123 '));
    expect(await lookupHash(k1, 'LOY-123')).not.toBe(await lookupHash(k2, 'LOY-123'));
    expect(await lookupHash(k1, 'LOY-123')).toMatch(/^[0-9a-f]{32}$/);
  });
});
