// The keys of replication (docs/design/sync.md, "Keys"). Every key is 256 random bits (or derived from such), and
// is known by an id derived from it with SHA-256: the same on every tablet without being sent, and saying nothing
// about the key or what it seals.
import { toBase32 } from '../../../src/core/encoding/bytes-text';
import { buffer } from './buffer';

const KEY_BYTES = 32;
const ID_BYTES = 16;

export interface RawKey {
  readonly id: string;
  /** The key's bytes: kept only sealed on a tablet, and sent only inside an envelope under another key. */
  readonly raw: Uint8Array;
}

export async function keyId(raw: Uint8Array): Promise<string> {
  const tagged = new Uint8Array([...new TextEncoder().encode('counterpart key id\0'), ...raw]);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(tagged)));
  return toBase32(digest.subarray(0, ID_BYTES));
}

export async function newRawKey(): Promise<RawKey> {
  const raw = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  return { id: await keyId(raw), raw };
}

/**
 * A key derived from another with HKDF under a label of its own: the same on every tablet that holds `from`, and
 * telling nothing about it (nor about any key derived from it under another label).
 */
export async function derivedKey(from: Uint8Array, label: string): Promise<RawKey> {
  const base = await crypto.subtle.importKey('raw', buffer(from), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: buffer(new TextEncoder().encode(label)) },
    base,
    KEY_BYTES * 8,
  );
  const raw = new Uint8Array(bits);
  return { id: await keyId(raw), raw };
}

/** An AES-GCM key for sealing and opening envelopes; not extractable (its bytes stay in `raw`, held elsewhere). */
export function aesKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', buffer(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The HMAC key that turns a record's kind and local id into its document id (chain-wide, never sent in clear). */
export function idKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', buffer(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/**
 * The document id of an edited record (the same on every tablet, so two tablets' edits meet in one document), not
 * inferable without the chain's id key.
 */
export async function recordDocId(ids: CryptoKey, kind: string, localId: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', ids, buffer(new TextEncoder().encode(`${kind}\0${localId}`)));
  return toBase32(new Uint8Array(mac).subarray(0, ID_BYTES));
}

/** The document id of a record that is only ever added (a visit, a sale): random. */
export function randomDocId(): string {
  return toBase32(crypto.getRandomValues(new Uint8Array(ID_BYTES)));
}
