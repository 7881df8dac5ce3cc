// Store analytics from visits. Counts are kept per hour and zone (and per day for unique visitors), updated as
// each visit is recorded, so a year of a busy shop is ~9,000 small rows to read rather than millions of
// visits, and nothing per person is needed once the retention window has passed.
//
// Definitions (what the Analytics screen shows):
// - footfall: visits (a person arriving in view; a person stepping out and back later is a second visit);
// - unique visitors: distinct people per day (members by member, others by their anonymous number, which is
//   only stable within the retention window), summed over the days of the range;
// - returning: visits by someone seen on an earlier visit (members: any earlier visit; others: within the
//   retention window); new: the rest;
// - dwell: time from arrival to leaving.
import type { Emotion } from '../face/face-result';
import { type Gap, gapsInRange } from './counting-gaps';

export type Counts = Record<string, number>;

export const DWELL_BUCKETS = [
  { key: 'dwell:<30s', maxSeconds: 30 },
  { key: 'dwell:30s-1m', maxSeconds: 60 },
  { key: 'dwell:1-2m', maxSeconds: 120 },
  { key: 'dwell:2-5m', maxSeconds: 300 },
  { key: 'dwell:5-10m', maxSeconds: 600 },
  { key: 'dwell:10m+', maxSeconds: Infinity },
] as const;

export interface VisitFacts {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly member: boolean;
  readonly returning: boolean;
  readonly ageBand?: string | undefined;
  readonly gender?: string | undefined;
  readonly emotion?: Readonly<Partial<Record<Emotion, number>>> | undefined;
  readonly live?: boolean | undefined;
}

export { DAY, HOUR } from '../time/durations';

export function hourStart(t: number): number {
  const d = new Date(t);
  d.setMinutes(0, 0, 0);
  return d.getTime();
}

/** Local midnight of `t`'s day. */
export function dayStart(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** What one visit adds to its hour's counts. */
export function visitCounts(v: VisitFacts): Counts {
  const c: Counts = { visits: 1, [v.member ? 'members' : 'anonymous']: 1, [v.returning ? 'returning' : 'new']: 1 };
  const seconds = Math.max(0, (v.end - v.start) / 1000);
  c.dwellSeconds = seconds;
  const bucket = DWELL_BUCKETS.find((b) => seconds < b.maxSeconds) ?? DWELL_BUCKETS[5];
  c[bucket.key] = 1;
  c[`age:${v.ageBand ?? 'unknown'}|${v.gender ?? 'unknown'}`] = 1;
  if (v.emotion) {
    c.emotionSamples = 1;
    for (const [e, score] of Object.entries(v.emotion)) c[`emotion:${e}`] = score;
  }
  if (v.live === false) c.spoofs = 1;
  return c;
}

export function addCounts(into: Counts, add: Readonly<Counts>): Counts {
  for (const [k, v] of Object.entries(add)) into[k] = (into[k] ?? 0) + v;
  return into;
}

export interface HourlyCounts {
  readonly hour: number;
  readonly zone: string;
  readonly counts: Readonly<Counts>;
  /** Stretches starting in this hour when the counter was not counting (core/analytics/counting-gaps.ts). */
  readonly cameraOff?: readonly Gap[];
}

export interface DailyCounts {
  readonly day: number;
  readonly zone: string;
  readonly unique: number;
  /** The counter that counted them, when another one (a shop that syncs); undefined for this one. */
  readonly counter?: string | undefined;
}

export interface AnalyticsQuery {
  readonly from: number;
  readonly to: number;
  /** Only this zone; all zones when undefined. */
  readonly zone?: string | undefined;
}

export interface AnalyticsSummary {
  readonly footfall: number;
  /**
   * Distinct people per day, added up over the days and over the counters that counted them: each counter knows
   * only the visitors it saw itself (their faces never leave it), so a person seen at two counters counts at each.
   */
  readonly unique: number;
  /** How many counters' unique visitors `unique` adds up (more than one: see `unique`). */
  readonly uniqueCounters: number;
  readonly returning: number;
  readonly new: number;
  readonly members: number;
  readonly spoofs: number;
  readonly averageDwellSeconds: number;
  /** [hour start, visits] for every hour in range that had visits. */
  readonly footfallByHour: readonly [number, number][];
  /** [day start, visits, unique]. */
  readonly footfallByDay: readonly [number, number, number][];
  readonly dwell: readonly { readonly bucket: string; readonly visits: number }[];
  /** Visits per "age band|gender". */
  readonly ageGender: Readonly<Record<string, number>>;
  /** [hour start, mean score per emotion] for hours with emotion estimates. */
  readonly emotionByHour: readonly [number, Readonly<Partial<Record<Emotion, number>>>][];
  readonly zones: readonly string[];
  /** Visits per zone. */
  readonly byZone: Readonly<Record<string, number>>;
  /** When the counter was not counting (camera off), within the range, merged and in time order. */
  readonly cameraOff: readonly Gap[];
}

export function summarise(
  hourly: readonly HourlyCounts[],
  daily: readonly DailyCounts[],
  q: AnalyticsQuery,
): AnalyticsSummary {
  const inRange = (t: number) => t >= q.from && t < q.to;
  const zoneOk = (z: string) => q.zone === undefined || z === q.zone;
  const total: Counts = {};
  const byHour = new Map<number, Counts>();
  const byDay = new Map<number, [number, number]>();
  const byZone: Record<string, number> = {};
  const zones = new Set<string>();
  const gaps: Gap[] = [];
  for (const h of hourly) {
    zones.add(h.zone);
    if (zoneOk(h.zone)) gaps.push(...(h.cameraOff ?? []));
    if (!inRange(h.hour) || !zoneOk(h.zone)) continue;
    addCounts(total, h.counts);
    addCounts(byHour.get(h.hour) ?? byHour.set(h.hour, {}).get(h.hour) ?? {}, h.counts);
    const d = dayStart(h.hour);
    const day = byDay.get(d) ?? [0, 0];
    day[0] += h.counts.visits ?? 0;
    byDay.set(d, day);
    byZone[h.zone] = (byZone[h.zone] ?? 0) + (h.counts.visits ?? 0);
  }
  let unique = 0;
  const counters = new Set<string>();
  for (const d of daily) {
    zones.add(d.zone);
    if (!inRange(d.day) || !zoneOk(d.zone)) continue;
    unique += d.unique;
    if (d.unique > 0) counters.add(d.counter ?? '');
    const day = byDay.get(d.day) ?? [0, 0];
    day[1] += d.unique;
    byDay.set(d.day, day);
  }
  const footfall = total.visits ?? 0;
  const ageGender: Record<string, number> = {};
  for (const [k, v] of Object.entries(total)) if (k.startsWith('age:')) ageGender[k.slice(4)] = v;
  const emotionByHour: [number, Partial<Record<Emotion, number>>][] = [];
  for (const [hour, c] of [...byHour].sort((a, b) => a[0] - b[0])) {
    const n = c.emotionSamples ?? 0;
    if (!n) continue;
    const means: Partial<Record<Emotion, number>> = {};
    for (const [k, v] of Object.entries(c)) if (k.startsWith('emotion:')) means[k.slice(8) as Emotion] = v / n;
    emotionByHour.push([hour, means]);
  }
  return {
    footfall,
    unique,
    uniqueCounters: counters.size,
    returning: total.returning ?? 0,
    new: total.new ?? 0,
    members: total.members ?? 0,
    spoofs: total.spoofs ?? 0,
    averageDwellSeconds: footfall ? (total.dwellSeconds ?? 0) / footfall : 0,
    footfallByHour: [...byHour].sort((a, b) => a[0] - b[0]).map(([h, c]) => [h, c.visits ?? 0]),
    footfallByDay: [...byDay].sort((a, b) => a[0] - b[0]).map(([d, [v, u]]) => [d, v, u]),
    dwell: DWELL_BUCKETS.map((b) => ({ bucket: b.key.slice(6), visits: total[b.key] ?? 0 })),
    ageGender,
    emotionByHour,
    zones: [...zones].sort(),
    byZone,
    cameraOff: gapsInRange(gaps, q.from, q.to),
  };
}
