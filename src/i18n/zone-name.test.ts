// The unnamed zone reads in the shop's language and is stored under one key whatever the language; zones the
// shop named are its own words both ways.
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_ZONE } from '../core/settings/settings';
import { setLocale } from './strings';
import { zoneKey, zoneName } from './zone-name';

afterEach(() => setLocale('en-GB'));

it('shows the unnamed zone in the language set and keeps its stored key when typed back', () => {
  setLocale('de-DE');
  expect(zoneName(DEFAULT_ZONE)).toBe('Theke');
  expect(zoneKey('Theke')).toBe(DEFAULT_ZONE);
  expect(zoneName('Eingang')).toBe('Eingang');
  expect(zoneKey('Eingang')).toBe('Eingang');
  setLocale('en-GB');
  expect(zoneName(DEFAULT_ZONE)).toBe('Counter');
  expect(zoneKey('Theke')).toBe('Theke');
});
