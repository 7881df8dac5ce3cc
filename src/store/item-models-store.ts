// The trained recommendation model: item2vec vectors, their neighbour graph and the settings chosen for them.
import type { Database } from './database';
import type { ItemModelRow } from './schema';

export class ItemModelsStore {
  constructor(private readonly db: Database) {}

  async save(row: ItemModelRow): Promise<void> {
    await this.db.write(['itemModels'], async (tx) => {
      await tx.objectStore('itemModels').put(row);
    });
  }

  async deleteAll(): Promise<void> {
    await this.db.write(['itemModels'], async (tx) => {
      await tx.objectStore('itemModels').clear();
    });
  }

  async latest(): Promise<ItemModelRow | undefined> {
    const all = await this.db.idb.getAll('itemModels');
    return all.sort((a, b) => b.trainedAt - a.trainedAt)[0];
  }
}
