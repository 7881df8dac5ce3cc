import { describe, expect, it } from 'vitest';
import { WrongPassphraseError } from './crypto';
import { createUserKeys, openBox, openPrivateKey, sealTo } from './user-keys';

const FAST = 1_000; // PBKDF2 iterations for tests; the app uses PBKDF2_ITERATIONS

describe('staff users’ key pairs', () => {
  it('a secret sealed to a user opens with their passphrase only', async () => {
    const maria = await createUserKeys('maria’s long passphrase', FAST);
    const sam = await createUserKeys('sam’s long passphrase', FAST);
    const unlockKey = crypto.getRandomValues(new Uint8Array(32));
    const box = await sealTo(maria.publicKey, unlockKey);
    expect(await openBox(await openPrivateKey('maria’s long passphrase', maria), box)).toEqual(unlockKey);
    await expect(openBox(await openPrivateKey('sam’s long passphrase', sam), box)).rejects.toThrow();
    await expect(openPrivateKey('not maria’s passphrase', maria)).rejects.toBeInstanceOf(WrongPassphraseError);
  });

  it('stores nothing that reads as the secret or the private key', async () => {
    const maria = await createUserKeys('maria’s long passphrase', FAST);
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const box = await sealTo(maria.publicKey, secret);
    const stored = JSON.stringify({ maria, box }, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
    expect(stored).not.toContain('"d"'); // a JWK's private part
    expect(stored).not.toContain(Array.from(secret).join(','));
    // Two boxes of the same secret differ (a fresh ephemeral key and IV each time).
    expect((await sealTo(maria.publicKey, secret)).ct).not.toEqual(box.ct);
  });
});
