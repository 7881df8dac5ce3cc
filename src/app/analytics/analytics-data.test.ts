// The Analytics screen of a chain: this shop (every counter of it), another shop of the chain from the figures its
// counters sent, and all shops together, through the same summary.
import { describe, expect, it } from 'vitest';
import { CHAIN_FIGURES_KIND } from '../../shared/sync-api';
import { openTestStore } from '../../store/test-support';
import { ALL_SHOPS, type AnalyticsRange, loadAnalytics } from './analytics-data';

const DAY = 86_400_000;

describe('analytics of a chain', () => {
  it("shows this shop, another shop from its counters' figures, and all of them", async () => {
    const store = await openTestStore();
    await store.vault.setUp('the passphrase of the docks');
    const day = new Date(2026, 11, 3).getTime();
    const at = (h: number) => day + h * 3_600_000;
    // The docks' own counter: one visit by a member-less visitor.
    await store.visits.record({ start: at(9), end: at(9) + 30_000, zone: 'Counter', visitorId: 1, gender: 'male' });
    // Two counters of the high street and one of the pier sent their day (as ReplicatedRecords keeps it).
    const sent = (shop: string, counter: string, visits: number, unique: number) => ({
      kind: CHAIN_FIGURES_KIND,
      id: `${day}|Counter|${counter}`,
      ended: false,
      body: {
        shop,
        day,
        zone: 'Counter',
        unique,
        hours: [{ hour: at(10), counts: { visits, new: visits, 'age:25-34|female': visits } }],
      },
    });
    await store.replication.apply(
      [sent('high-street', 'till-1', 5, 4), sent('high-street', 'till-2', 3, 3), sent('pier', 'till-9', 2, 2)],
      [],
    );
    const load = (shop?: string) => {
      const range: AnalyticsRange = { from: day, to: day + DAY, shop: shop ? { show: shop, own: 'docks' } : undefined };
      return loadAnalytics({ ...store, visits: store.visits, members: [], formerMember: '(erased member)' }, range);
    };

    const own = await load();
    expect([own.summary.footfall, own.summary.unique, own.summary.uniqueCounters]).toEqual([1, 1, 1]);
    expect(own.purchasesByMembers).toBe(0);
    expect((await load('docks')).summary.footfall).toBe(1);

    const highStreet = await load('high-street');
    // Two counters' unique visitors added up, and said so.
    expect([highStreet.summary.footfall, highStreet.summary.unique, highStreet.summary.uniqueCounters]).toEqual([
      8, 7, 2,
    ]);
    expect(highStreet.summary.ageGender).toEqual({ '25-34|female': 8 });
    // Another shop's member visit log and sales are not on this tablet: none shown, no conversion.
    expect(highStreet.attendance).toEqual([]);
    expect(highStreet.purchasesByMembers).toBeUndefined();

    const all = await load(ALL_SHOPS);
    expect([all.summary.footfall, all.summary.unique, all.summary.uniqueCounters]).toEqual([11, 10, 4]);
    expect(all.summary.footfallByHour).toEqual([
      [at(9), 1],
      [at(10), 10],
    ]);
  });
});
