// Visits: each one the counter reports is saved with the zone (the anonymous visitor's template with it), the
// retention purge, anonymous visitors across a lock, and the figures the card and the Analytics screen show.
import { describe, expect, it } from 'vitest';
import { NO_TRAITS } from '../../core/face/attribute-estimates';
import { VISITOR_POLICY } from '../../core/recognition/defaults';
import { falseMatchRate } from '../../core/recognition/strictness';
import { VisitorRegistry } from '../../core/tracking/visitors';
import type { VisitSummary } from '../counter/counter-types';
import { SettingsService } from './settings-service';
import { PASS, unit, unlockedStore } from './test-support';
import { VisitsService } from './visits-service';

const HOUR = 3600_000;

async function visitsService() {
  const store = await unlockedStore();
  const settings = new SettingsService(store.settings);
  await settings.save({ zone: 'Entrance' });
  const visitors = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 24 * HOUR);
  const service = new VisitsService({ ...store, store: store.visits, visitors, settings });
  return { store, settings, visitors, service };
}

function visit(change: Partial<VisitSummary>): VisitSummary {
  const end = Date.now();
  return {
    trackId: 1,
    start: end - 60_000,
    end,
    memberId: undefined,
    visitorId: undefined,
    ageBand: '30-39',
    gender: 'female',
    emotion: undefined,
    live: true,
    ...change,
  };
}

describe('VisitsService', () => {
  it('saves each visit with the zone, and the anonymous visitor for the retention window', async () => {
    const { store, visitors, service } = await visitsService();
    const seen = visitors.match(unit(1, 0, 0, 0), Date.now());
    visitors.recordVisit(seen.visitor.id, unit(1, 0, 0, 0), NO_TRAITS, Date.now());
    service.record(visit({ visitorId: seen.visitor.id }));
    service.record(visit({ trackId: 2 }));
    await service.settled();
    const rows = await store.database.idb.getAll('visits');
    expect(rows.map((r) => r.zone)).toEqual(['Entrance', 'Entrance']);
    expect(await store.database.idb.count('anonVisitors')).toBe(1);
  });

  it('keeps anonymous visitor numbers across a lock', async () => {
    const { store, visitors, service } = await visitsService();
    const first = visitors.match(unit(0, 1, 0, 0), Date.now());
    visitors.recordVisit(first.visitor.id, unit(0, 1, 0, 0), NO_TRAITS, Date.now());
    service.record(visit({ visitorId: first.visitor.id }));
    await service.settled();
    service.forgetVisitors();
    expect(visitors.visitors).toEqual([]);
    store.vault.lock();
    await store.vault.unlock(PASS);
    await service.restoreVisitors();
    expect(visitors.match(unit(0, 1, 0, 0), Date.now()).visitor.id).toBe(first.visitor.id);
  });

  it('a member’s visit that ends as the app locks is kept as an anonymous visit', async () => {
    const { store, service } = await visitsService();
    store.vault.lock();
    service.record(visit({ memberId: 'm1' }));
    await service.settled();
    await store.vault.unlock(PASS);
    const rows = await store.database.idb.getAll('visits');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.memberLookup).toBeUndefined();
  });

  it('a visit that cannot be saved does not stop the counter', async () => {
    const { store, service } = await visitsService();
    store.visits.record = () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    service.record(visit({ visitorId: 3 }));
    await expect(service.settled()).resolves.toBeUndefined();
    expect(await store.database.idb.count('visits')).toBe(0);
  });

  it('records the stretches in which nothing was counted, across a reload, and says when one is going on', async () => {
    const store = await unlockedStore();
    const settings = new SettingsService(store.settings);
    const visitors = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 24 * HOUR);
    let kept: number | undefined;
    const lastCounted = { read: () => kept, write: (at: number) => void (kept = at) };
    const first = new VisitsService({ ...store, store: store.visits, visitors, settings, lastCounted });
    const t0 = Date.now() - 2 * HOUR;
    for (let t = t0; t < t0 + 60_000; t += 2000) first.counted(t);
    // The camera off for ten minutes, then on again.
    first.counted(t0 + 11 * 60_000);
    expect(first.notCountingSince(t0 + 11 * 60_000 + 1000)).toBeUndefined();
    expect(first.notCountingSince(t0 + 20 * 60_000)).toEqual([t0 + 11 * 60_000, t0 + 20 * 60_000]);
    await first.settled();
    // A reload an hour later: the time the app was closed is a gap too.
    const second = new VisitsService({ ...store, store: store.visits, visitors, settings, lastCounted });
    second.counted(t0 + 71 * 60_000);
    await second.settled();
    const { summary } = await second.analytics({ from: t0 - HOUR, to: Date.now() + HOUR }, [], '');
    expect(summary.cameraOff).toEqual([
      [t0 + 58_000, t0 + 11 * 60_000],
      [t0 + 11 * 60_000, t0 + 71 * 60_000],
    ]);
  });

  it('numbers visitors counted while locked after every number on record', async () => {
    const { visitors, service } = await visitsService();
    service.record(visit({ visitorId: 41 }));
    await service.settled();
    // A reload while locked: the saved visitors cannot be read, their numbers must not be given again.
    const fresh = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 24 * HOUR);
    const after = new VisitsService({ ...service['deps'], visitors: fresh });
    await after.continueNumbering();
    expect(fresh.match(unit(1, 0, 0, 0), Date.now()).visitor.id).toBe(42);
    expect(visitors.nextVisitorId).toBe(1);
  });

  it('purges anonymous visits older than the retention window, keeping the counts', async () => {
    const { store, settings, service } = await visitsService();
    await settings.save({ retentionHours: 1 });
    service.record(visit({ visitorId: 7, start: Date.now() - 3 * HOUR, end: Date.now() - 3 * HOUR + 60_000 }));
    await service.settled();
    await service.purge();
    expect(await store.database.idb.count('visits')).toBe(0);
    const day = await service.analytics({ from: Date.now() - 24 * HOUR, to: Date.now() + HOUR }, [], '');
    expect(day.summary.footfall).toBe(1);
  });

  it('gives a member’s visit figures and names them in the attendance log', async () => {
    const { service } = await visitsService();
    service.record(visit({ memberId: 'm1' }));
    await service.settled();
    expect((await service.memberStats('m1')).visits).toBe(1);
    const data = await service.analytics(
      { from: Date.now() - 24 * HOUR, to: Date.now() + HOUR },
      [{ id: 'm1', displayName: 'Ada' }],
      'former member',
    );
    expect(data.attendance.map((a) => a.name)).toEqual(['Ada']);
  });
});
