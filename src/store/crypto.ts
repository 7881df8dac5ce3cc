// Encryption at rest. A random 256-bit data key (DEK) encrypts every personal record with AES-GCM. The DEK is
// stored only wrapped (encrypted) by a key derived from the staff passphrase with PBKDF2-SHA-256, so:
// - the passphrase itself is never stored; unwrapping the DEK is the check (a wrong passphrase fails GCM's tag);
// - changing the passphrase re-wraps the DEK, it does not re-encrypt the data;
// - while locked, only the wrapped DEK is on disk and no key is in memory.
// The unwrapped DEK is non-extractable: even code running in the page cannot read its bytes.

export const PBKDF2_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

export interface KeyWrap {
  readonly kdf: 'PBKDF2-SHA-256';
  readonly iterations: number;
  readonly salt: Uint8Array;
  readonly iv: Uint8Array;
  /** The DEK, AES-GCM encrypted under the passphrase-derived key. */
  readonly wrappedKey: Uint8Array;
}

/** An encrypted value as stored: IV + ciphertext (with GCM tag). */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly data: Uint8Array;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('The passphrase is wrong.');
    this.name = 'WrongPassphraseError';
  }
}

const subtle = () => globalThis.crypto.subtle;
export const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
export const bytes = (u: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(u);

export async function deriveWrappingKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** Wraps an extractable data key under `passphrase` (a fresh salt and IV). */
export async function wrapDataKey(dek: CryptoKey, passphrase: string, iterations: number): Promise<KeyWrap> {
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const kek = await deriveWrappingKey(passphrase, salt, iterations);
  const wrapped = await subtle().wrapKey('raw', dek, kek, { name: 'AES-GCM', iv: bytes(iv) });
  return { kdf: 'PBKDF2-SHA-256', iterations, salt, iv, wrappedKey: new Uint8Array(wrapped) };
}

/** A new data key wrapped under `passphrase`. Returns the usable key and what to store. */
export async function createDataKey(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ key: CryptoKey; wrap: KeyWrap }> {
  // Extractable only long enough to be wrapped; the key handed back to callers is re-imported non-extractable.
  const dek = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const stored = await wrapDataKey(dek, passphrase, iterations);
  return { key: await unwrapDataKey(passphrase, stored), wrap: stored };
}

export async function unwrapDataKey(passphrase: string, stored: KeyWrap, extractable = false): Promise<CryptoKey> {
  const kek = await deriveWrappingKey(passphrase, stored.salt, stored.iterations);
  try {
    return await subtle().unwrapKey(
      'raw',
      bytes(stored.wrappedKey),
      kek,
      { name: 'AES-GCM', iv: bytes(stored.iv) },
      { name: 'AES-GCM', length: 256 },
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch {
    throw new WrongPassphraseError();
  }
}

/** The data key if `passphrase` opens this wrap, undefined if it is another passphrase (a staff user's search). */
export async function openDataKey(
  passphrase: string,
  stored: KeyWrap,
  extractable = false,
): Promise<CryptoKey | undefined> {
  try {
    return await unwrapDataKey(passphrase, stored, extractable);
  } catch (err) {
    if (err instanceof WrongPassphraseError) return undefined;
    throw err;
  }
}

/** Re-wraps the same data key under a new passphrase (a fresh salt and IV); the data stays as it is. */
export async function rewrapDataKey(
  oldPassphrase: string,
  newPassphrase: string,
  stored: KeyWrap,
  iterations = Math.max(stored.iterations, PBKDF2_ITERATIONS),
): Promise<KeyWrap> {
  const dek = await unwrapDataKey(oldPassphrase, stored, true);
  return wrapDataKey(dek, newPassphrase, iterations);
}

/**
 * Encrypts `plain`. `context` (e.g. the store and record id) is bound as additional authenticated data, so a
 * ciphertext copied onto another record does not decrypt.
 */
export async function seal(key: CryptoKey, plain: Uint8Array, context: string): Promise<Sealed> {
  const iv = random(IV_BYTES);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv: bytes(iv), additionalData: new TextEncoder().encode(context) },
    key,
    bytes(plain),
  );
  return { iv, data: new Uint8Array(data) };
}

export async function open(key: CryptoKey, sealed: Sealed, context: string): Promise<Uint8Array> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: bytes(sealed.iv), additionalData: new TextEncoder().encode(context) },
    key,
    bytes(sealed.data),
  );
  return new Uint8Array(plain);
}

export async function sealJson(key: CryptoKey, value: unknown, context: string): Promise<Sealed> {
  return seal(key, new TextEncoder().encode(JSON.stringify(value)), context);
}

export async function openJson<T>(key: CryptoKey, sealed: Sealed, context: string): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await open(key, sealed, context))) as T;
}

/**
 * Lookup hashes let the store find a record by a personal value (a loyalty id) without storing the value: an
 * HMAC under a random install key that is itself kept sealed by the DEK, so it is only usable while unlocked.
 */
export function newLookupKeyMaterial(): Uint8Array {
  return random(32);
}

export function importLookupKey(material: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', bytes(material), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

export async function lookupHash(lookupKey: CryptoKey, value: string): Promise<string> {
  const mac = await subtle().sign('HMAC', lookupKey, new TextEncoder().encode(value.trim().normalize('NFC')));
  return Array.from(new Uint8Array(mac).slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
