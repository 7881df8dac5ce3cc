// The shop's settings: defaults until the database is open, then what staff saved. Every other service reads
// them from here; pages watch `settings` and save changes through save().
import { Observable } from '../../core/observable';
import { DEFAULT_SETTINGS, type Settings, readSettings } from '../../core/settings/settings';
import type { SettingsStore } from '../../store/settings-store';

const SETTINGS_KEY = 'app.settings';

export class SettingsService {
  readonly settings = new Observable<Settings>(DEFAULT_SETTINGS);

  constructor(private readonly store: Pick<SettingsStore, 'get' | 'set'>) {}

  get value(): Settings {
    return this.settings.value;
  }

  async load(): Promise<void> {
    this.settings.set(readSettings(await this.store.get(SETTINGS_KEY)));
  }

  async save(change: Partial<Settings>): Promise<void> {
    const next = readSettings({ ...this.settings.value, ...change });
    await this.store.set(SETTINGS_KEY, next);
    this.settings.set(next);
  }
}
