// `npm run bench -- analytics`: a busy shop's year in IndexedDB — 2 million visit events (two zones, 9:00-20:00),
// one in ten by one of 2,000 members, and a year of sales — then the Analytics screen's own queries
// (app/analytics/analytics-data.ts) for the last week, month and year, timed one by one. The aggregates are built
// with the same core functions `VisitsStore.record` uses and written in bulk (recording 2 million visits one
// by one would take hours and is not what is being measured).
import { loadAnalytics } from '../../../src/app/analytics/analytics-data';
import {
  DAY,
  HOUR,
  addCounts,
  dayStart,
  hourStart,
  visitCounts,
  type Counts,
} from '../../../src/core/analytics/aggregates';
import { Rng } from '../../../src/core/random/prng';
import type { DailyRow, HourlyRow, PurchaseRow, VisitRow } from '../../../src/store/schema';
import { closeStore, openStore } from '../../../src/store/store';
import type { Task } from './harness';

const EVENTS = 2_000_000;
const MEMBERS = 2_000;
const ZONES = ['Counter', 'Entrance'];
const AGE_BANDS = ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70+'];
const PURCHASES = 150_000;

export const analyticsBench: Task = async (ctx) => {
  const events = Number(ctx.args.events ?? EVENTS);
  const name = `bench-analytics-${Date.now()}`;
  const store = await openStore({ name });
  await store.vault.setUp('benchmark passphrase');
  ctx.progress('store set up');
  const { visits, purchases, vault } = store;
  const rng = new Rng(11);
  const now = dayStart(Date.now()) + DAY;
  const yearStart = now - 365 * DAY;

  const members = Array.from({ length: MEMBERS }, (_, i) => ({ id: `member-${i}`, displayName: `Member ${i}` }));
  const lookups = await Promise.all(members.map((m) => vault.memberLookup(m.id)));
  // Enrolled with loyalty numbers, so their sales count as members' purchases (a third of the year's sales).
  ctx.progress(`enrolling ${MEMBERS.toLocaleString()} members`);
  const consent = {
    policyVersion: 'bench',
    scopes: ['face-recognition', 'purchase-history'],
    agreedAt: 1,
    staff: 'bench',
  };
  for (const m of members) await store.members.addMember({ displayName: m.displayName, loyaltyId: m.id, consent }, []);
  const loyaltyLookups = await Promise.all(members.map((m) => vault.customerLookup(m.id)));
  const memberSeen = new Uint8Array(MEMBERS);

  const hourly = new Map<string, { hour: number; zone: string; counts: Counts }>();
  const dailyPeople = new Map<string, Set<string>>();
  let memberRows: VisitRow[] = [];
  let memberVisits = 0;
  const flush = async () => {
    const rows = memberRows;
    memberRows = [];
    await store.database.write(['visits'], async (tx) => {
      for (const r of rows) await tx.objectStore('visits').put(r);
    });
  };
  ctx.progress(`generating ${events.toLocaleString()} visits`);
  const openHours = 11;
  for (let i = 0; i < events; i++) {
    const day = yearStart + Math.floor((i / events) * 365) * DAY;
    const start = day + 9 * HOUR + rng.nextFloat() * openHours * HOUR;
    const end = start + 5_000 + rng.nextFloat() * rng.nextFloat() * 900_000;
    const zone = ZONES[rng.nextInt(ZONES.length)] as string;
    const isMember = rng.nextFloat() < 0.1;
    const m = isMember ? rng.nextInt(MEMBERS) : -1;
    const person = isMember ? (lookups[m] as string) : `v${rng.nextInt(4000)}`;
    const returning = isMember ? memberSeen[m] === 1 : rng.nextFloat() < 0.3;
    if (isMember) memberSeen[m] = 1;
    const facts = {
      start,
      end,
      zone,
      member: isMember,
      returning,
      ageBand: AGE_BANDS[rng.nextInt(AGE_BANDS.length)],
      gender: rng.nextFloat() < 0.5 ? 'female' : 'male',
      emotion: { happy: rng.nextFloat(), neutral: rng.nextFloat() },
      live: rng.nextFloat() > 0.001,
    };
    const hour = hourStart(start);
    const key = `${hour}|${zone}`;
    const h = hourly.get(key) ?? { hour, zone, counts: {} };
    addCounts(h.counts, visitCounts(facts));
    hourly.set(key, h);
    const dayKey = `${dayStart(start)}|${zone}`;
    const seen = dailyPeople.get(dayKey) ?? new Set<string>();
    seen.add(person);
    dailyPeople.set(dayKey, seen);
    if (isMember) {
      memberVisits++;
      memberRows.push({
        id: `bench-${i}`,
        start,
        end,
        zone,
        memberLookup: person,
        memberStart: start,
        ageBand: facts.ageBand,
        gender: facts.gender,
        emotion: facts.emotion,
        live: facts.live,
      });
      if (memberRows.length >= 10_000) {
        await flush();
        ctx.progress(`${memberVisits.toLocaleString()} member visits written`);
      }
    }
  }
  await flush();
  const hourlyRows: HourlyRow[] = [...hourly.entries()].map(([key, h]) => ({ key, ...h }));
  const dailyRows: DailyRow[] = [...dailyPeople.entries()].map(([key, people]) => {
    const [day = '0', zone = ''] = key.split('|');
    return { key, day: Number(day), zone, unique: people.size };
  });
  await visits.addAggregates(hourlyRows, dailyRows);

  ctx.progress(`writing ${PURCHASES.toLocaleString()} sales`);
  for (let b = 0; b < PURCHASES; b += 10_000) {
    await store.database.write(['purchases'], async (tx) => {
      for (let i = b; i < Math.min(PURCHASES, b + 10_000); i++) {
        const row: PurchaseRow = {
          id: `bench:${i}`,
          invoice: String(i),
          at: yearStart + (i / PURCHASES) * 365 * DAY,
          items: [{ code: `P${rng.nextInt(500)}`, quantity: 1, price: 10 }],
          ...(rng.nextFloat() < 0.3 ? { customerLookup: loyaltyLookups[rng.nextInt(MEMBERS)] } : {}),
          source: 'bench',
        };
        await tx.objectStore('purchases').put(row);
      }
    });
  }

  const sources = {
    visits,
    vault,
    purchases,
    chainFigures: store.chainFigures,
    members,
    formerMember: 'former member',
  };
  const ranges = { '7d': 7, '30d': 30, '365d': 365 } as const;
  const queries: Record<string, Record<string, number>> = {};
  let max = 0;
  for (const [label, days] of Object.entries(ranges)) {
    const runs = [];
    for (let r = 0; r < 3; r++) runs.push(await loadAnalytics(sources, { from: now - days * DAY, to: now }));
    // Median run by total time.
    const median = runs.sort((a, b) => a.timings.total - b.timings.total)[1] ?? runs[0];
    if (!median) continue;
    queries[label] = Object.fromEntries(Object.entries(median.timings).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    max = Math.max(max, ...Object.values(median.timings));
    ctx.progress(`${label}: ${Math.round(median.timings.total)} ms, ${median.attendance.length} attendance rows`);
  }
  closeStore(store);
  indexedDB.deleteDatabase(name);
  return {
    events,
    member_visits: memberVisits,
    hourly_rows: hourlyRows.length,
    daily_rows: dailyRows.length,
    purchases: PURCHASES,
    queries_ms: queries,
    max_query_ms: Math.round(max),
  };
};
