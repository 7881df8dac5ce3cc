// One-time pairing codes on the server (docs/design/sync.md, "Joining a tablet"). A tablet that is already in
// writes the keys a new tablet needs into one document, sealed under a key derived from the code; the document's
// id is derived from the code too, so neither says anything without it. The joining tablet derives both from the
// typed code, opens the document, checks its age and deletes it: a code works once.
import { buffer } from './crypto/buffer';
import { type Envelope, openEnvelope, sealEnvelope } from './crypto/envelope';
import { toBase32 } from '../../src/core/encoding/bytes-text';

const KIND = 'pairing';
/**
 * PBKDF2 rounds: the code has 60 random bits, so whoever controls the server and wants to guess it offline pays
 * 2^59 times this on average; on a tablet it costs well under a second once.
 */
const ROUNDS = 200_000;
const SALT = new TextEncoder().encode('counterpart pairing code');

interface Derived {
  readonly docId: string;
  readonly key: CryptoKey;
  readonly keyId: string;
}

async function derive(code: string): Promise<Derived> {
  const base = await crypto.subtle.importKey('raw', buffer(new TextEncoder().encode(code)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: buffer(SALT), iterations: ROUNDS },
      base,
      512,
    ),
  );
  const key = await crypto.subtle.importKey('raw', buffer(bits.subarray(0, 32)), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { docId: `pair-${toBase32(bits.subarray(32, 48))}`, key, keyId: toBase32(bits.subarray(48, 64)) };
}

export interface PairingBody {
  /** The keys the new tablet gets: the whole keyring, or the chain's keys only for a new shop (`newShop`). */
  readonly keyring: unknown;
  /** The shop of the tablet that showed the code. */
  readonly shop: string;
  /** The code is for the first tablet of another shop of the chain. */
  readonly newShop?: boolean;
  readonly createdAt: number;
}

/** The pairing document for `code`, holding `body`. */
export async function sealPairing(code: string, body: PairingBody, hlc: string): Promise<Envelope> {
  const d = await derive(code);
  return sealEnvelope(d.docId, { kind: KIND, id: d.docId, hlc, body }, { id: d.keyId, key: d.key });
}

export type PairingLookup =
  | { readonly found: true; readonly doc: Envelope & { _rev: string }; readonly body: PairingBody }
  | { readonly found: false };

/** The document a code names, opened; `found: false` when there is none or it does not open under the code. */
export async function openPairing(code: string, get: (docId: string) => Promise<unknown>): Promise<PairingLookup> {
  const d = await derive(code);
  const doc = await get(d.docId);
  if (doc === undefined) return { found: false };
  try {
    const payload = await openEnvelope(doc, (id) => (id === d.keyId ? d.key : undefined));
    if (payload?.kind !== KIND) return { found: false };
    return { found: true, doc: doc as Envelope & { _rev: string }, body: payload.body as PairingBody };
  } catch {
    return { found: false };
  }
}

export async function pairingDocId(code: string): Promise<string> {
  return (await derive(code)).docId;
}
