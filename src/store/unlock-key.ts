// This tablet's unlock key (docs/design/sync.md, "Staff and the unlock key"). The data key is wrapped under a
// random unlock key, and the unlock key is sealed to each staff user's public key (a box on their staff row). A
// user who was added on another tablet of the shop arrives with their key pair only (the private key wrapped under
// their passphrase), never with a wrap of this tablet's data key, which no other tablet holds; this tablet seals
// its unlock key to them, so their passphrase opens it here too. Removing a user replaces the unlock key, so a box
// the removed user may have kept opens nothing any more. The unlock key never leaves the tablet.
import { type Sealed, bytes, open, random, seal } from './crypto';
import { type Box, type UserKeys, openBox, openPrivateKey, sealTo } from './user-keys';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const CONTEXT = 'meta/unlock';

/** Stored in `meta` under 'unlock'. */
export interface UnlockRecord {
  /** The data key, AES-GCM wrapped under the unlock key. */
  readonly iv: Uint8Array;
  readonly wrappedKey: Uint8Array;
  /** The unlock key, sealed under the data key: to seal it to users who arrive, and to replace it. */
  readonly sealed: Sealed;
}

const subtle = () => globalThis.crypto.subtle;

function importUnlockKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', bytes(raw), 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
}

/**
 * A new unlock key for `extractableDataKey` (the data key as unwrapped with a passphrase, extractable): the record
 * to store and the key's bytes, for sealing to the users.
 */
export async function newUnlockKey(
  extractableDataKey: CryptoKey,
  dataKey: CryptoKey,
): Promise<{ record: UnlockRecord; raw: Uint8Array }> {
  const raw = random(KEY_BYTES);
  const iv = random(IV_BYTES);
  const wrapped = await subtle().wrapKey('raw', extractableDataKey, await importUnlockKey(raw), {
    name: 'AES-GCM',
    iv: bytes(iv),
  });
  return { record: { iv, wrappedKey: new Uint8Array(wrapped), sealed: await seal(dataKey, raw, CONTEXT) }, raw };
}

/** The unlock key's bytes (needs the data key: only while unlocked). */
export function unlockKeyBytes(record: UnlockRecord, dataKey: CryptoKey): Promise<Uint8Array> {
  return open(dataKey, record.sealed, CONTEXT);
}

/** The data key, unwrapped with the unlock key (extractable only to wrap it again). */
export async function dataKeyFromUnlock(
  raw: Uint8Array,
  record: UnlockRecord,
  extractable = false,
): Promise<CryptoKey> {
  return subtle().unwrapKey(
    'raw',
    bytes(record.wrappedKey),
    await importUnlockKey(raw),
    { name: 'AES-GCM', iv: bytes(record.iv) },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

/** Seals the unlock key to a user. */
export function boxFor(keys: UserKeys, raw: Uint8Array): Promise<Box> {
  return sealTo(keys.publicKey, raw);
}

/**
 * The data key through a user's box: their passphrase opens their private key, which opens the box. Undefined if
 * the passphrase is not theirs or the box was made for an unlock key since replaced.
 */
export async function dataKeyThroughBox(
  passphrase: string,
  keys: UserKeys,
  box: Box,
  record: UnlockRecord,
  extractable = false,
): Promise<CryptoKey | undefined> {
  let raw: Uint8Array;
  try {
    raw = await openBox(await openPrivateKey(passphrase, keys), box);
  } catch {
    return undefined;
  }
  try {
    return await dataKeyFromUnlock(raw, record, extractable);
  } catch {
    return undefined;
  }
}
