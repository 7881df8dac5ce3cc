// The other shops' figures, for the chain's Analytics (schema 8): each counter of each shop sends a day of its
// hourly counts and unique visitors to the chain (ReplicatedRecords), and they are kept here as they arrive. Read
// here as the same hourly and daily rows a shop's own Analytics sums, so one summary serves one shop, another
// shop or all of them.
import type { DailyCounts, HourlyCounts } from '../core/analytics/aggregates';
import type { Database } from './database';
import type { ChainFiguresRow } from './schema';

/** A shop's figures over a range, in the rows Analytics sums. */
export interface ShopFigures {
  readonly hourly: HourlyCounts[];
  readonly daily: DailyCounts[];
}

export class ChainFiguresStore {
  constructor(private readonly db: Database) {}

  /**
   * The shops of the chain whose figures are here, by name: one step of the shop index per shop, not a read of
   * every day of every counter (which the Analytics screen would pay at each load).
   */
  async shops(): Promise<string[]> {
    const shops: string[] = [];
    const index = this.db.idb.transaction('chainFigures').store.index('byShop');
    for (let c = await index.openKeyCursor(null, 'nextunique'); c; c = await c.continue()) shops.push(c.key);
    return shops;
  }

  /**
   * The figures of the days starting in [from, to) of the shops `include` accepts. The hours of a day a counter
   * sent are inside that day, so reading by day reads exactly the hours of the range.
   */
  async between(from: number, to: number, include: (shop: string) => boolean): Promise<ShopFigures> {
    const rows = await this.db.idb.getAllFromIndex('chainFigures', 'byDay', IDBKeyRange.bound(from, to, false, true));
    return figuresOf(rows.filter((r) => include(r.shop)));
  }
}

export function figuresOf(rows: readonly ChainFiguresRow[]): ShopFigures {
  const hourly: HourlyCounts[] = [];
  const daily: DailyCounts[] = [];
  for (const r of rows) {
    // The record's id is `${day}|${zone}|${counter}`.
    daily.push({ day: r.day, zone: r.zone, unique: r.unique, counter: r.id.slice(`${r.day}|${r.zone}|`.length) });
    for (const h of r.hours)
      hourly.push({ hour: h.hour, zone: r.zone, counts: h.counts, ...(h.cameraOff ? { cameraOff: h.cameraOff } : {}) });
  }
  return { hourly, daily };
}
