// The record of sales files imported (name, when, rows accepted and rejected), for the Products screen.
import type { Database } from './database';
import type { ImportRow } from './schema';

export class ImportsStore {
  constructor(private readonly db: Database) {}

  /** Records a finished import, with its audit entry, in one transaction. */
  async record(row: ImportRow): Promise<void> {
    await this.db.write(['imports', 'audit'], async (tx) => {
      await tx.objectStore('imports').put(row);
      await tx.objectStore('audit').add({ at: this.db.now(), action: 'sales.imported' });
    });
  }

  async list(): Promise<ImportRow[]> {
    return this.db.idb.getAll('imports');
  }
}
