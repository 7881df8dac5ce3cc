// The shop's settings: defaults until the database is open, then what staff saved. Every other service reads
// them from here; pages watch `settings` and save changes through save().
import { Observable } from '../../core/observable';
import { DEFAULT_SETTINGS, type Settings, readSettings } from '../../core/settings/settings';
import { shopCurrency, shopLocale } from '../../core/settings/shop-locale';
import { SETTINGS_KEY, type SettingsStore } from '../../store/settings-store';

/** Settings of this device's hardware, which whoever is at the counter may choose (the camera in use). */
const DEVICE_KEYS: ReadonlySet<keyof Settings> = new Set(['cameraDeviceId']);

export class SettingsService {
  readonly settings = new Observable<Settings>(DEFAULT_SETTINGS);

  constructor(
    private readonly store: Pick<SettingsStore, 'get' | 'set'>,
    private readonly browserLocale: () => string = () =>
      typeof navigator === 'undefined' ? 'en-GB' : navigator.language,
    /** Throws unless the signed-in user may change the shop's settings (the key vault's role check). */
    private readonly assertMayChange: () => void = () => undefined,
  ) {}

  get value(): Settings {
    return this.settings.value;
  }

  /** The locale the shop's prices, numbers and dates are written in (the setting, or the browser's). */
  get locale(): string {
    return shopLocale(this.value, this.browserLocale());
  }

  /** The shop's currency (the setting, or the currency of the locale's region). */
  get currency(): string {
    return shopCurrency(this.value, this.browserLocale());
  }

  /** Writes amounts in the shop's currency and locale. */
  money(): Intl.NumberFormat {
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency: this.currency });
  }

  async load(): Promise<void> {
    this.settings.set(readSettings(await this.store.get(SETTINGS_KEY)));
  }

  async save(change: Partial<Settings>): Promise<void> {
    if (Object.keys(change).some((k) => !DEVICE_KEYS.has(k as keyof Settings))) this.assertMayChange();
    const next = readSettings({ ...this.settings.value, ...change });
    await this.store.set(SETTINGS_KEY, next);
    this.settings.set(next);
  }
}
