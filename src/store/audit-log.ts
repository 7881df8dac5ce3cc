// The audit log: what was done and by whom, never to whom in personal terms (subjects are record ids, which an
// erasure removes). Other repositories add their rows inside their own transactions; this adds lone ones.
import type { Database } from './database';
import type { AuditRow } from './schema';

export class AuditLog {
  constructor(private readonly db: Database) {}

  async add(action: string, subject?: string, staff?: string): Promise<void> {
    const row: AuditRow = { at: this.db.now(), action, ...(subject ? { subject } : {}), ...(staff ? { staff } : {}) };
    await this.db.write(['audit'], async (tx) => {
      await tx.objectStore('audit').add(row);
    });
  }

  async list(): Promise<AuditRow[]> {
    return this.db.idb.getAll('audit');
  }

  /** How many times `action` was recorded with from <= at < to. */
  async count(action: string, from: number, to: number): Promise<number> {
    return (await this.between(from, to)).filter((r) => r.action === action).length;
  }

  /** Rows with from <= at < to, oldest first. */
  async between(from: number, to: number): Promise<AuditRow[]> {
    return this.db.idb.getAllFromIndex('audit', 'byTime', IDBKeyRange.bound(from, to, false, true));
  }
}
