// The only shape a document takes on the server (docs/design/sync.md, "Envelopes"): an opaque key id, an IV and
// AES-GCM ciphertext. The document id is bound as additional authenticated data, so whoever controls the server
// cannot move a ciphertext to another document; what kind of record it is, whose it is and when it was written are
// all inside the ciphertext.
import { fromBase64, toBase64 } from '../../../src/core/encoding/bytes-text';
import { buffer } from './buffer';

export const ENVELOPE_VERSION = 1;

export interface Envelope {
  readonly _id: string;
  readonly _rev?: string;
  readonly _deleted?: boolean;
  readonly v: typeof ENVELOPE_VERSION;
  /** Which key sealed it (an opaque id: see keyId in keys.ts). */
  readonly key: string;
  readonly iv: string;
  readonly ct: string;
}

/** A record as it travels: what the ciphertext holds. */
export interface Payload {
  /** The record kind ("member", "visit", ...): known to tablets, never to the server. */
  readonly kind: string;
  /** The record's id in the tablet's store. */
  readonly id: string;
  /** Clock stamp of the change (core/sync/hlc.ts, formatted). */
  readonly hlc: string;
  /** The record ended (erased, removed): see core/sync/conflict.ts. */
  readonly ended?: boolean;
  readonly body: unknown;
}

export interface SealingKey {
  readonly id: string;
  readonly key: CryptoKey;
}

const IV_BYTES = 12;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export async function sealEnvelope(docId: string, payload: Payload, sealing: SealingKey): Promise<Envelope> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(payload));
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buffer(iv), additionalData: buffer(new TextEncoder().encode(docId)) },
    sealing.key,
    buffer(plain),
  );
  return { _id: docId, v: ENVELOPE_VERSION, key: sealing.id, iv: toBase64(iv), ct: toBase64(new Uint8Array(ct)) };
}

/**
 * The payload, or undefined when this tablet does not hold the key (a key destroyed by an erasure or the end of a
 * retention window, or another shop's). A document that names a key this tablet holds but does not open under it
 * was tampered with or is not ours: that throws.
 */
export async function openEnvelope(
  doc: unknown,
  keyById: (id: string) => CryptoKey | undefined,
): Promise<Payload | undefined> {
  if (!isEnvelope(doc)) throw new EnvelopeError('not a Counterpart document');
  const key = keyById(doc.key);
  if (!key) return undefined;
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(fromBase64(doc.iv)), additionalData: buffer(new TextEncoder().encode(doc._id)) },
      key,
      buffer(fromBase64(doc.ct)),
    );
  } catch {
    throw new EnvelopeError(`document ${doc._id} does not open under its key: changed on the server, or not ours`);
  }
  return JSON.parse(new TextDecoder().decode(plain)) as Payload;
}

function isEnvelope(doc: unknown): doc is Envelope {
  if (typeof doc !== 'object' || doc === null) return false;
  const d = doc as Record<string, unknown>;
  return (
    d.v === ENVELOPE_VERSION &&
    typeof d._id === 'string' &&
    typeof d.key === 'string' &&
    typeof d.iv === 'string' &&
    typeof d.ct === 'string'
  );
}
