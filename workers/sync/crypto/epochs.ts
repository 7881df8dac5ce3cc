// Erasure without purge: the chain's epoch ratchet (docs/design/sync.md, "Erasure: an epoch ratchet"). Member keys
// reach other tablets only inside documents sealed under the current epoch key. An erasure starts a new epoch:
// its key is sealed under the previous one in the epoch's document, the surviving member keys are sealed again
// under it, and every tablet forgets the previous key once it holds the new one. Old revisions on the server then
// hold the erased member's key under an epoch key no tablet has.
//
// Epochs must form one line: two tablets erasing at the same time must not both make "the next epoch". The next
// epoch's document is created on the server with a write that fails if the id exists (CouchDB answers 409 to a
// PUT without a revision), so one tablet wins and the other follows it, then advances again.
import { type Envelope, openEnvelope, sealEnvelope } from './envelope';
import { type RawKey, aesKey, keyId, newRawKey, recordDocId } from './keys';
import { fromBase64, toBase64 } from '../../../src/core/encoding/bytes-text';

export interface EpochKey extends RawKey {
  readonly n: number;
}

/** The server, as the ratchet needs it. */
export interface EpochServer {
  get(docId: string): Promise<unknown>;
  /** Creates the document; false if one with that id already exists. */
  create(doc: Envelope): Promise<boolean>;
}

const KIND = 'epoch';
/** A tablet that loses this many races in a row gives up (and says so); each loss means another tablet advanced. */
const MAX_RACES = 20;

export class EpochError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EpochError';
  }
}

function docId(ids: CryptoKey, n: number): Promise<string> {
  return recordDocId(ids, KIND, String(n));
}

/** The first epoch of a new chain. */
export async function firstEpoch(): Promise<EpochKey> {
  return { n: 0, ...(await newRawKey()) };
}

/** Follows the epochs other tablets made after `current`; the result is the newest this tablet can reach. */
export async function latestEpoch(current: EpochKey, server: EpochServer, ids: CryptoKey): Promise<EpochKey> {
  let epoch = current;
  for (;;) {
    const doc = await server.get(await docId(ids, epoch.n + 1));
    if (doc === undefined) return epoch;
    const key = await aesKey(epoch.raw);
    const payload = await openEnvelope(doc, (id) => (id === epoch.id ? key : undefined));
    if (!payload) throw new EpochError(`epoch ${epoch.n + 1} is not sealed under epoch ${epoch.n}`);
    const body = payload.body as { n: number; raw: string };
    if (payload.kind !== KIND || body.n !== epoch.n + 1) throw new EpochError(`epoch ${epoch.n + 1} is malformed`);
    const raw = fromBase64(body.raw);
    epoch = { n: body.n, raw, id: await keyId(raw) };
  }
}

/** Starts a new epoch after the newest one on the server, and returns it. */
export async function advanceEpoch(
  current: EpochKey,
  server: EpochServer,
  ids: CryptoKey,
  hlc: string,
): Promise<EpochKey> {
  let epoch = current;
  for (let race = 0; race < MAX_RACES; race++) {
    epoch = await latestEpoch(epoch, server, ids);
    const next: EpochKey = { n: epoch.n + 1, ...(await newRawKey()) };
    const doc = await sealEnvelope(
      await docId(ids, next.n),
      { kind: KIND, id: String(next.n), hlc, body: { n: next.n, raw: toBase64(next.raw) } },
      { id: epoch.id, key: await aesKey(epoch.raw) },
    );
    if (await server.create(doc)) return next;
  }
  throw new EpochError(`another tablet started a new epoch ${MAX_RACES} times in a row; try again`);
}
