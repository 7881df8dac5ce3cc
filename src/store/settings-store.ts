// App settings: not personal, so stored in clear, one record per key.
import type { Database } from './database';

/** The key of the settings record (core/settings/settings.ts). */
export const SETTINGS_KEY = 'app.settings';

export class SettingsStore {
  constructor(private readonly db: Database) {}

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.db.idb.get('settings', key)) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.db.write(['settings'], async (tx) => {
      await tx.objectStore('settings').put(value, key);
    });
  }
}
