// Staff users' key pairs, for tablets that share a shop (docs/design/sync.md, "Staff and the unlock key"). Each
// user has an ECDH P-256 key pair. The private key is kept only wrapped under the user's passphrase (PBKDF2, as the
// data key is); secrets for the user are sealed to the public key, so a manager can give every remaining user a new
// unlock key without knowing their passphrases, and leave out a user who was removed.
//
// Sealing to a public key: an ephemeral key pair per box, ECDH with the user's public key, HKDF-SHA-256 to an
// AES-GCM key (the shared secret itself is not used as a key), the ephemeral public key sent with the box.
import { PBKDF2_ITERATIONS, WrongPassphraseError, bytes, deriveWrappingKey, random } from './crypto';

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;

export interface UserKeys {
  readonly publicKey: JsonWebKey;
  /** The private key (PKCS #8), AES-GCM wrapped under a key derived from the passphrase. */
  readonly privateWrap: {
    readonly iterations: number;
    readonly salt: Uint8Array;
    readonly iv: Uint8Array;
    readonly wrapped: Uint8Array;
  };
}

export interface Box {
  /** The ephemeral public key of this box. */
  readonly epk: JsonWebKey;
  readonly iv: Uint8Array;
  readonly ct: Uint8Array;
}

const subtle = () => globalThis.crypto.subtle;

export async function createUserKeys(passphrase: string, iterations = PBKDF2_ITERATIONS): Promise<UserKeys> {
  const pair = await subtle().generateKey(CURVE, true, ['deriveBits']);
  const salt = random(SALT_BYTES);
  const iv = random(IV_BYTES);
  const kek = await deriveWrappingKey(passphrase, salt, iterations);
  const wrapped = await subtle().wrapKey('pkcs8', pair.privateKey, kek, { name: 'AES-GCM', iv: bytes(iv) });
  return {
    publicKey: await subtle().exportKey('jwk', pair.publicKey),
    privateWrap: { iterations, salt, iv, wrapped: new Uint8Array(wrapped) },
  };
}

/** The user's private key (not extractable), or WrongPassphraseError. */
export async function openPrivateKey(passphrase: string, keys: UserKeys, extractable = false): Promise<CryptoKey> {
  const { iterations, salt, iv, wrapped } = keys.privateWrap;
  const kek = await deriveWrappingKey(passphrase, salt, iterations);
  try {
    return await subtle().unwrapKey(
      'pkcs8',
      bytes(wrapped),
      kek,
      { name: 'AES-GCM', iv: bytes(iv) },
      CURVE,
      extractable,
      ['deriveBits'],
    );
  } catch {
    throw new WrongPassphraseError();
  }
}

/** The same key pair with its private key wrapped under a new passphrase; WrongPassphraseError for a wrong old one. */
export async function rewrapUserKeys(
  oldPassphrase: string,
  newPassphrase: string,
  keys: UserKeys,
  iterations = Math.max(keys.privateWrap.iterations, PBKDF2_ITERATIONS),
): Promise<UserKeys> {
  // Extractable only to be wrapped again here.
  const privateKey = await openPrivateKey(oldPassphrase, keys, true);
  const newSalt = random(SALT_BYTES);
  const newIv = random(IV_BYTES);
  const kek = await deriveWrappingKey(newPassphrase, newSalt, iterations);
  const rewrapped = await subtle().wrapKey('pkcs8', privateKey, kek, { name: 'AES-GCM', iv: bytes(newIv) });
  return {
    publicKey: keys.publicKey,
    privateWrap: { iterations, salt: newSalt, iv: newIv, wrapped: new Uint8Array(rewrapped) },
  };
}

async function boxKey(privateKey: CryptoKey, publicKey: CryptoKey, usage: KeyUsage): Promise<CryptoKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('counterpart box') },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Seals `secret` so that only the holder of the private key for `publicKey` opens it. */
export async function sealTo(publicKey: JsonWebKey, secret: Uint8Array): Promise<Box> {
  const recipient = await subtle().importKey('jwk', publicKey, CURVE, false, []);
  const ephemeral = await subtle().generateKey(CURVE, true, ['deriveBits']);
  const key = await boxKey(ephemeral.privateKey, recipient, 'encrypt');
  const iv = random(IV_BYTES);
  const ct = await subtle().encrypt({ name: 'AES-GCM', iv: bytes(iv) }, key, bytes(secret));
  return { epk: await subtle().exportKey('jwk', ephemeral.publicKey), iv, ct: new Uint8Array(ct) };
}

/** Opens a box sealed to this user; throws if it was sealed to someone else or changed. */
export async function openBox(privateKey: CryptoKey, box: Box): Promise<Uint8Array> {
  const sender = await subtle().importKey('jwk', box.epk, CURVE, false, []);
  const key = await boxKey(privateKey, sender, 'decrypt');
  return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: bytes(box.iv) }, key, bytes(box.ct)));
}
