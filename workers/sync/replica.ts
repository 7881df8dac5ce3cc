// The tablet's replica of one database on the server (docs/design/sync.md, "Shape"): a PouchDB database holding
// envelopes only, which PouchDB replicates with the server. Records go in sealed and come out opened; when two
// tablets edited one record, every version is opened and the app's rule (core/sync/conflict.ts) picks the one
// that stays, the same on every tablet, whatever PouchDB chose as its winning revision.
import type { Database, Existing } from 'pouchdb-core';
import { type Version, winner } from '../../src/core/sync/conflict';
import { parseHlc } from '../../src/core/sync/hlc';
import {
  type Envelope,
  EnvelopeError,
  type Payload,
  type SealingKey,
  openEnvelope,
  sealEnvelope,
} from './crypto/envelope';

export type KeyLookup = (keyId: string) => CryptoKey | undefined;

export interface Change {
  readonly docId: string;
  /** The opened record; undefined when this tablet no longer holds its key (erased, or past retention). */
  readonly payload: Payload | undefined;
  readonly deleted: boolean;
  /** The key the document is sealed under, when the feed said (saves reading the document again). */
  readonly keyId?: string;
  /**
   * The document as the feed brought it, when it did not open (its key was not here yet): opened again from this
   * once the key has arrived (a member's key and records can come in one batch).
   */
  readonly envelope?: Envelope;
}

type Stored = Existing<Envelope>;

/** One record to write (see writeAll). */
export interface Write {
  readonly docId: string;
  readonly payload: Payload;
  readonly sealing: SealingKey;
}

/** allDocs by keys (PouchDB's; the project's typing of pouchdb-core has only the plain form). */
interface KeyedAllDocs {
  allDocs(options: { keys: readonly string[] }): Promise<{
    readonly rows: readonly {
      readonly key: string;
      readonly value?: { readonly rev: string; readonly deleted?: boolean };
      readonly error?: string;
    }[];
  }>;
}

/** A bulkDocs result: written, or why not. */
interface BulkResult {
  readonly id: string;
  readonly rev?: string;
  readonly error?: boolean | string;
  readonly status?: number;
  readonly name?: string;
  readonly message?: string;
}

export class Replica {
  constructor(
    readonly db: Database<Envelope>,
    private readonly keys: KeyLookup,
  ) {}

  /** Writes a record as the next revision of its document (a new document for a new id). */
  async write(docId: string, payload: Payload, sealing: SealingKey): Promise<void> {
    const doc = await sealEnvelope(docId, payload, sealing);
    const current = await this.#current(docId);
    await this.db.put({ ...doc, ...(current ? { _rev: current._rev } : {}) });
  }

  /**
   * Writes records as the next revisions of their documents, as `write` would one after another: sealed
   * concurrently, the current revisions read with one allDocs and the envelopes written with one bulkDocs. A
   * document named more than once gets one revision per write, in order (each further one in a further round).
   */
  async writeAll(writes: readonly Write[]): Promise<void> {
    if (!writes.length) return;
    const docs = await Promise.all(writes.map((w) => sealEnvelope(w.docId, w.payload, w.sealing)));
    const rounds: Envelope[][] = [];
    const times = new Map<string, number>();
    for (const doc of docs) {
      const n = times.get(doc._id) ?? 0;
      times.set(doc._id, n + 1);
      (rounds[n] ??= []).push(doc);
    }
    // The current revision of each, as `write` reads it (a deleted document has none: it is written as new).
    const found = await (this.db as unknown as KeyedAllDocs).allDocs({ keys: [...times.keys()] });
    const revs = new Map<string, string>();
    for (const row of found.rows) if (row.value && !row.value.deleted) revs.set(row.key, row.value.rev);
    for (const round of rounds) {
      const results = (await this.db.bulkDocs(
        round.map((doc) => {
          const rev = revs.get(doc._id);
          return rev ? { ...doc, _rev: rev } : doc;
        }),
      )) as BulkResult[];
      for (const r of results) {
        // As `put` would have failed (a conflict: the document changed under it).
        if (r.error || !r.rev) throw Object.assign(new Error(r.message ?? `${r.id} was not written`), r);
        revs.set(r.id, r.rev);
      }
    }
  }

  /** Removes a document (its envelope stays on the server as an old revision until compaction: see epochs.ts). */
  async remove(docId: string): Promise<void> {
    const current = await this.#current(docId);
    if (current) await this.db.remove(current);
  }

  /** The id of the key the document's current version is sealed under (undefined: no such document). */
  async sealedWith(docId: string): Promise<string | undefined> {
    return (await this.#current(docId))?.key;
  }

  /** Opens the current version of a document, settling any conflict first. */
  async read(docId: string): Promise<Payload | undefined> {
    await this.settle(docId);
    const current = await this.#current(docId);
    return current ? openEnvelope(current, this.keys) : undefined;
  }

  /**
   * Settles a conflict: opens every leaf, keeps the version the rule picks as the document's only leaf. A tablet
   * that cannot open every leaf (it has not yet followed the epoch another leaf was sealed under) leaves the
   * conflict alone: deleting what it cannot read could throw away the newer version. Returns whether anything was
   * written.
   */
  async settle(docId: string): Promise<boolean> {
    let doc: Stored & { readonly _conflicts?: string[] };
    try {
      doc = await this.db.get(docId, { conflicts: true });
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
    if (!doc._conflicts?.length) return false;
    const leaves = await Promise.all([doc._rev, ...doc._conflicts].map((rev) => this.db.get(docId, { rev })));
    // PouchDB's own winning leaf first, the rest by revision: equal versions (two tablets that settled the same
    // conflict) then end on the same leaf everywhere, and settling writes nothing but deletions.
    leaves.sort((a, b) => (a._rev === doc._rev ? -1 : b._rev === doc._rev ? 1 : a._rev < b._rev ? 1 : -1));
    const opened: (Version<Stored> & { payload: Payload })[] = [];
    for (const leaf of leaves) {
      const payload = await openEnvelope(leaf, this.keys);
      if (payload)
        opened.push({ hlc: parseHlc(payload.hlc), ...(payload.ended ? { ended: true } : {}), body: leaf, payload });
    }
    if (opened.length < leaves.length) return false;
    const keep = winner(opened).body;
    const writes: object[] = leaves
      .filter((l) => l._rev !== doc._rev)
      .map((l) => ({ _id: docId, _rev: l._rev, _deleted: true }));
    // The kept version's content goes on top of the revision PouchDB shows, if that is another leaf.
    if (keep._rev !== doc._rev) writes.push({ ...stripRev(keep), _id: docId, _rev: doc._rev });
    await this.db.bulkDocs(writes);
    return true;
  }

  /**
   * Every change after `since` (a sequence from an earlier call), opened, with conflicts settled. The documents
   * are opened concurrently (each open is its own decryption); the changes keep the feed's order.
   */
  async changesSince(since: string | number = 0): Promise<{ changes: Change[]; last: string | number }> {
    const feed = await this.db.changes({ since, include_docs: true, conflicts: true });
    const changes = await Promise.all(
      feed.results.map(async (row): Promise<Change> => {
        if (row.deleted) return { docId: row.id, payload: undefined, deleted: true };
        // The feed brought the document: opened as it is unless two tablets' versions need settling first.
        const envelope = row.doc && !row.doc._conflicts?.length ? (row.doc as Envelope) : undefined;
        let payload: Payload | undefined;
        try {
          payload = envelope ? await openEnvelope(envelope, this.keys) : await this.read(row.id);
        } catch (err) {
          // A document that names one of our keys but does not open under it was written by someone without the
          // key (whoever controls the server, or another shop's user): skipped, so it cannot stall every tablet.
          if (!(err instanceof EnvelopeError)) throw err;
        }
        return {
          docId: row.id,
          payload,
          deleted: false,
          ...(envelope ? { keyId: envelope.key, ...(payload ? {} : { envelope }) } : {}),
        };
      }),
    );
    return { changes, last: feed.last_seq };
  }

  async #current(docId: string): Promise<Stored | undefined> {
    try {
      return await this.db.get(docId);
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }
}

function stripRev(doc: Stored): Omit<Stored, '_rev'> {
  const { _rev: _, ...rest } = doc;
  return rest;
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { status?: number }).status === 404;
}
