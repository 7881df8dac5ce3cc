// Member keys and erasure across tablets (docs/design/sync.md, "Erasure: an epoch ratchet"). Each member's records
// are sealed under the member's own key; the key travels in a member-key document sealed under the chain's current
// epoch key. Erasing a member starts a new epoch on the server, seals every other member key again under it, and
// leaves a tombstone for the erased one; tablets that follow forget the old epoch key and the member's key.
import type { SealingKey } from './crypto/envelope';
import { type EpochServer, advanceEpoch, latestEpoch } from './crypto/epochs';
import { newRawKey, recordDocId } from './crypto/keys';
import { fromBase64, toBase64 } from '../../src/core/encoding/bytes-text';
import type { Keyring } from './keyring';
import type { Change, Replica } from './replica';
import { TabletClock } from './tablet-clock';

export const MEMBER_KEY_KIND = 'member-key';
const KIND = MEMBER_KEY_KIND;

export interface ChainKeysDeps {
  readonly ring: Keyring;
  /** The tablet's replica of the chain database. */
  readonly replica: Replica;
  /** Where epochs are created: the server itself (an epoch must be created where every tablet races for it). */
  readonly server: EpochServer;
  /** The clock stamp for the next change (core/sync/hlc.ts). */
  readonly stamp: () => string;
}

export class ChainKeys {
  constructor(private readonly deps: ChainKeysDeps) {}

  memberKeyDoc(memberId: string): Promise<string> {
    return recordDocId(this.deps.ring.ids, KIND, memberId);
  }

  /** The member's key, made (and its document written) the first time a record of theirs is sealed. */
  async memberKey(memberId: string): Promise<SealingKey> {
    const { ring, replica, stamp } = this.deps;
    const held = ring.memberKey(memberId);
    if (held) return ring.sealing(held);
    const key = await newRawKey();
    await ring.addMember(memberId, key);
    await replica.write(
      await this.memberKeyDoc(memberId),
      { kind: KIND, id: memberId, hlc: stamp(), body: { id: key.id, raw: toBase64(key.raw) } },
      ring.sealing(ring.epoch),
    );
    return ring.sealing(key);
  }

  /**
   * Erases a member chain-wide: a new epoch, every other member key sealed again under it, a tombstone for this
   * one, and the member's key forgotten here. `memberDocs` are the documents sealed under the member's key
   * (removed too, though without the key they are unreadable anyway).
   */
  async erase(memberId: string, memberDocs: readonly string[]): Promise<void> {
    const { ring, replica, server, stamp } = this.deps;
    const next = await advanceEpoch(ring.epoch, server, ring.ids, stamp());
    await ring.setEpoch(next);
    ring.forgetMember(memberId);
    await replica.write(
      await this.memberKeyDoc(memberId),
      { kind: KIND, id: memberId, hlc: stamp(), ended: true, body: {} },
      ring.sealing(ring.epoch),
    );
    await this.#sealAgain();
    for (const doc of memberDocs) await replica.remove(doc);
  }

  /**
   * What this tablet does with the chain database's changes: first follows any new epoch (forgetting the old
   * key), then takes member keys and tombstones, and seals again under the new epoch the member keys it holds
   * whose documents are still under an older one (a member it enrolled offline; the erasing tablet's own sealing
   * may not have arrived yet). Returns the members erased elsewhere (the app erases their local records), and
   * the changes read, member keys included.
   */
  async follow(since: string | number): Promise<{ erased: string[]; last: string | number; changes: Change[] }> {
    const { ring, replica } = this.deps;
    const before = ring.epoch.n;
    const latest = await latestEpoch(ring.epoch, localEpochs(replica), ring.ids);
    await ring.setEpoch(latest);
    // After a new epoch every member-key document was sealed again: read them all, not only the changed ones.
    const { changes, last } = await replica.changesSince(latest.n > before ? 0 : since);
    const erased: string[] = [];
    for (const { payload } of changes) {
      if (payload?.kind !== KIND) continue;
      if (payload.ended) {
        if (ring.memberKey(payload.id)) erased.push(payload.id);
        ring.forgetMember(payload.id);
      } else if (!ring.memberKey(payload.id)) {
        const body = payload.body as { id: string; raw: string };
        await ring.addMember(payload.id, { id: body.id, raw: fromBase64(body.raw) });
      }
    }
    if (latest.n > before) await this.#sealAgain({ staleOnly: true });
    return { erased, last, changes };
  }

  /** Seals the member keys this tablet holds under the current epoch (`staleOnly`: where not already so). */
  async #sealAgain(options: { staleOnly?: boolean } = {}): Promise<void> {
    const { ring, replica, stamp } = this.deps;
    for (const memberId of ring.memberIds) {
      const key = ring.memberKey(memberId);
      if (!key) continue;
      const docId = await this.memberKeyDoc(memberId);
      if (options.staleOnly && (await replica.sealedWith(docId)) === ring.epoch.id) continue;
      await replica.write(
        docId,
        { kind: KIND, id: memberId, hlc: stamp(), body: { id: key.id, raw: toBase64(key.raw) } },
        ring.sealing(ring.epoch),
      );
    }
  }
}

/** The epochs as a tablet's replica has them (what it has pulled from the server). */
function localEpochs(replica: Replica): EpochServer {
  return {
    get: async (docId) => {
      try {
        return await replica.db.get(docId);
      } catch {
        return undefined;
      }
    },
    create: () => Promise.reject(new Error('epochs are created on the server, not in a replica')),
  };
}

/** A clock stamp source: this tablet's hybrid logical clock over the wall clock `now` (see tablet-clock.ts). */
export function stamper(tablet: string, now: () => number): () => string {
  return new TabletClock(tablet, now).stamp;
}
