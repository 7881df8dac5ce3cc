// Settings: defaults until loaded, saved changes survive a reload, bad values are read as defaults.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings/settings';
import { openTestStore } from '../../store/test-support';
import { SettingsService } from './settings-service';

describe('SettingsService', () => {
  it('starts from the defaults and keeps what staff save', async () => {
    const store = await openTestStore();
    const settings = new SettingsService(store.settings);
    expect(settings.value).toEqual(DEFAULT_SETTINGS);
    const seen: string[] = [];
    settings.settings.subscribe((s) => seen.push(s.zone));
    await settings.save({ zone: 'Entrance' });
    expect(settings.value.zone).toBe('Entrance');
    expect(seen).toEqual(['Entrance']);

    const reloaded = new SettingsService(store.settings);
    await reloaded.load();
    expect(reloaded.value).toEqual({ ...DEFAULT_SETTINGS, zone: 'Entrance' });
  });

  it('keeps the valid fields of a stored record and defaults damaged ones', async () => {
    const store = await openTestStore();
    await store.settings.set('app.settings', { zone: 42, strictness: 'very', theme: 'dark' });
    const settings = new SettingsService(store.settings);
    await settings.load();
    expect(settings.value).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });

  it('writes prices in the browser’s locale and its region’s currency until the shop chooses', async () => {
    const store = await openTestStore();
    const settings = new SettingsService(store.settings, () => 'de-DE');
    expect([settings.locale, settings.currency]).toEqual(['de-DE', 'EUR']);
    await settings.save({ locale: 'en-GB' });
    expect([settings.locale, settings.currency]).toEqual(['en-GB', 'GBP']);
    await settings.save({ currency: 'CHF' });
    expect(settings.currency).toBe('CHF');
    await settings.save({ currency: 'XYZ' as never });
    expect(settings.value.currency).toBe('');
  });
});
