// Zone names are the shop's words, stored as typed, except the zone of a device nobody named: it is stored under a
// fixed key (so visits do not split when the language changes) and shown in the shop's language.
import { DEFAULT_ZONE } from '../core/settings/settings';
import { strings } from './strings';

/** A stored zone as staff read it. */
export function zoneName(zone: string): string {
  return zone === DEFAULT_ZONE ? strings.analytics.defaultZone : zone;
}

/** A zone name staff typed, as stored: the default zone's name in the language shown stays the default zone. */
export function zoneKey(typed: string): string {
  return typed.trim() === strings.analytics.defaultZone ? DEFAULT_ZONE : typed;
}
