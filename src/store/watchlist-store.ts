// The watch-list: people staff flagged (a member, or an anonymous face by its template), with the reason, who
// flagged them and when. Everything about an entry is sealed; entries expire unless renewed; every change is
// audited (without personal data).
import type { WatchRow } from './schema';
import { AuditLog } from './audit-log';
import type { Database } from './database';
import type { KeyVault } from './key-vault';
import { strings } from '../i18n/strings';

export interface WatchEntry {
  readonly id: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly memberId?: string | undefined;
  /** Template of an anonymous face (when not a member). */
  readonly embedding?: Float32Array | undefined;
  readonly reason: string;
  /** Id of the staff user who flagged it. */
  readonly staff: string;
}

interface SealedEntry {
  readonly memberId?: string;
  readonly embedding?: number[];
  readonly reason: string;
  /** Id of the staff user who flagged it. */
  readonly staff: string;
}

/** An entry as it travels to the shop's other tablets (sealed on the way; docs/design/sync.md). */
export interface ReplicatedWatchEntry extends SealedEntry {
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly renewedAt?: number;
}

export const DEFAULT_WATCH_DAYS = 30;

export class WatchlistStore {
  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
  ) {}

  /** Flags someone (managers); `confirmedBy` is the second manager who agreed, when the shop asks for one. */
  async add(entry: Omit<WatchEntry, 'id' | 'createdAt' | 'staff'>, confirmedBy?: string): Promise<WatchEntry> {
    const actor = this.vault.assertMay('watchlist');
    if (!entry.reason.trim()) throw new Error(strings.errors.watchReasonMissing);
    if (!entry.memberId && !entry.embedding) throw new Error(strings.errors.watchNoSubject);
    const id = crypto.randomUUID();
    const createdAt = this.db.now();
    const payload: SealedEntry = {
      ...(entry.memberId ? { memberId: entry.memberId } : {}),
      ...(entry.embedding ? { embedding: Array.from(entry.embedding) } : {}),
      reason: entry.reason.trim(),
      staff: actor.id,
    };
    const row: WatchRow = {
      id,
      createdAt,
      expiresAt: entry.expiresAt,
      ...(entry.memberId ? { memberLookup: await this.vault.memberLookup(entry.memberId) } : {}),
      sealed: await this.vault.sealValue(payload, `watchlist/${id}`),
    };
    await this.db.write(['watchlist', 'audit'], async (tx) => {
      await tx.objectStore('watchlist').put(row);
      await tx.objectStore('audit').add({ at: createdAt, action: 'watchlist.flagged', subject: id, staff: actor.id });
      if (confirmedBy)
        await tx
          .objectStore('audit')
          .add({ at: createdAt, action: 'watchlist.confirmed', subject: id, staff: confirmedBy });
    });
    return { ...entry, id, createdAt, staff: actor.id };
  }

  /** Entries still in force (decrypted). */
  async list(now = this.db.now()): Promise<WatchEntry[]> {
    const rows = await this.db.idb.getAllFromIndex('watchlist', 'byExpiry', IDBKeyRange.lowerBound(now));
    return Promise.all(
      rows.map(async (r) => {
        const p = await this.vault.openValue<SealedEntry>(r.sealed, `watchlist/${r.id}`);
        return {
          id: r.id,
          createdAt: r.createdAt,
          expiresAt: r.expiresAt,
          ...(p.memberId ? { memberId: p.memberId } : {}),
          ...(p.embedding ? { embedding: Float32Array.from(p.embedding) } : {}),
          reason: p.reason,
          staff: p.staff,
        };
      }),
    );
  }

  async renew(id: string, expiresAt: number): Promise<void> {
    const { id: staff } = this.vault.assertMay('watchlist');
    await this.db.write(['watchlist', 'audit'], async (tx) => {
      const row = await tx.objectStore('watchlist').get(id);
      if (!row) throw new Error(strings.errors.watchEntryGone);
      await tx.objectStore('watchlist').put({ ...row, expiresAt, renewedAt: this.db.now() });
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'watchlist.renewed', subject: id, staff });
    });
  }

  async remove(id: string): Promise<void> {
    const { id: staff } = this.vault.assertMay('watchlist');
    await this.db.write(['watchlist', 'audit'], async (tx) => {
      await tx.objectStore('watchlist').delete(id);
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'watchlist.removed', subject: id, staff });
    });
  }

  /** An entry as it replicates, opened (undefined: gone since). */
  async replicated(id: string): Promise<ReplicatedWatchEntry | undefined> {
    const row = await this.db.idb.get('watchlist', id);
    if (!row) return undefined;
    const entry = await this.vault.openValue<SealedEntry>(row.sealed, `watchlist/${id}`);
    return {
      ...entry,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      ...(row.renewedAt !== undefined ? { renewedAt: row.renewedAt } : {}),
    };
  }

  /** The row for an entry another tablet flagged or renewed, sealed and keyed with this tablet's own keys. */
  async rowFromReplica(id: string, entry: ReplicatedWatchEntry): Promise<WatchRow> {
    const { createdAt, expiresAt, renewedAt, ...sealed } = entry;
    return {
      id,
      createdAt,
      expiresAt,
      ...(renewedAt !== undefined ? { renewedAt } : {}),
      ...(sealed.memberId ? { memberLookup: await this.vault.memberLookup(sealed.memberId) } : {}),
      sealed: await this.vault.sealValue(sealed, `watchlist/${id}`),
    };
  }

  /** A manager opened the list (every view is audited: who looked, and when). */
  async logViewed(): Promise<void> {
    const actor = this.vault.assertMay('watchlist');
    await new AuditLog(this.db).add('watchlist.viewed', undefined, actor.id);
  }

  /** A flagged person was seen again: logged without personal data. */
  async logSighting(id: string): Promise<void> {
    await new AuditLog(this.db).add('watchlist.seen', id);
  }

  /**
   * Deletes expired entries, and the faces of people who are not members once `faceRetentionMs` (the shop's
   * setting, Settings › Privacy) has passed since they were flagged or last renewed, whatever expiry they were
   * given (an entry made before the retention was shortened goes too).
   */
  async purgeExpired(faceRetentionMs: number, now = this.db.now()): Promise<number> {
    let removed = 0;
    await this.db.write(['watchlist'], async (tx) => {
      let cursor = await tx.objectStore('watchlist').openCursor();
      while (cursor) {
        const row = cursor.value;
        const faceExpired = row.memberLookup === undefined && now - (row.renewedAt ?? row.createdAt) > faceRetentionMs;
        if (row.expiresAt < now || faceExpired) {
          await cursor.delete();
          removed++;
        }
        cursor = await cursor.continue();
      }
    });
    return removed;
  }
}
