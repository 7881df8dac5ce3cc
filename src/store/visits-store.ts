// Visits and the analytics kept from them. Recording a visit writes, in one transaction, the visit row, its
// hour's counts and its day's unique-visitor count. Member visits are linked by the member's lookup hash only;
// anonymous visits carry the visitor number, which is only meaningful within the retention window. The purge
// deletes anonymous visit rows and anonymous templates older than the window (their counts stay in the
// hourly and daily aggregates) and forgets who was seen on days past it.
import {
  type HourlyCounts,
  type DailyCounts,
  addCounts,
  dayStart,
  hourStart,
  visitCounts,
} from '../core/analytics/aggregates';
import type { Traits } from '../core/face/attribute-estimates';
import type { AnonymousVisitor } from '../core/tracking/visitors';
import type { Emotion } from '../core/face/face-result';
import { DAY } from '../core/time/durations';
import type { DailyRow, HourlyRow, VisitRow } from './schema';
import type { Database } from './database';
import type { KeyVault } from './key-vault';

export interface NewVisit {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly memberId?: string | undefined;
  readonly visitorId?: number | undefined;
  readonly ageBand?: string | undefined;
  readonly gender?: string | undefined;
  readonly emotion?: Readonly<Partial<Record<Emotion, number>>> | undefined;
  readonly live?: boolean | undefined;
}

export interface MemberVisitStats {
  readonly visits: number;
  readonly lastVisit: number | undefined;
}

export interface PurgeResult {
  readonly visitsDeleted: number;
  readonly templatesDeleted: number;
  readonly daysForgotten: number;
}

/** The key of this counter's hourly or daily row: the hour's or day's start and the zone. */
const rowKey = (start: number, zone: string) => `${start}|${zone}`;

/**
 * The counter an hourly or daily row is another counter's (its install id), or undefined for this counter's own.
 * Another counter's row (a shop that syncs) is kept under this counter's key for it plus `|${its install id}`.
 */
export function otherCounterOf(
  row: Pick<HourlyRow, 'key' | 'hour' | 'zone'> | Pick<DailyRow, 'key' | 'day' | 'zone'>,
): string | undefined {
  const own = rowKey('hour' in row ? row.hour : row.day, row.zone);
  return row.key === own ? undefined : row.key.slice(own.length + 1);
}

export class VisitsStore {
  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
  ) {}

  async record(visit: NewVisit): Promise<VisitRow> {
    const memberLookup = visit.memberId ? await this.vault.memberLookup(visit.memberId) : undefined;
    const person = memberLookup ?? (visit.visitorId !== undefined ? `v${visit.visitorId}` : undefined);
    const row: VisitRow = {
      id: crypto.randomUUID(),
      start: visit.start,
      end: visit.end,
      zone: visit.zone,
      ...(memberLookup ? { memberLookup, memberStart: visit.start } : {}),
      ...(!memberLookup && visit.visitorId !== undefined ? { visitorId: String(visit.visitorId) } : {}),
      ...(visit.ageBand ? { ageBand: visit.ageBand } : {}),
      ...(visit.gender ? { gender: visit.gender } : {}),
      ...(visit.emotion ? { emotion: visit.emotion } : {}),
      ...(visit.live !== undefined ? { live: visit.live } : {}),
    };
    const hour = hourStart(visit.start);
    const day = dayStart(visit.start);
    await this.db.write(['visits', 'hourly', 'daily'], async (tx) => {
      // Returning: a member with an earlier visit, or an anonymous visitor already seen (within the window).
      let returning = false;
      if (memberLookup) returning = (await tx.objectStore('visits').index('byMember').count(memberLookup)) > 0;
      else if (person) {
        const recent = await tx
          .objectStore('daily')
          .index('byDay')
          .getAll(IDBKeyRange.bound(day - 2 * DAY, day));
        returning = recent.some((d) => d.seen?.includes(person));
      }
      await tx.objectStore('visits').put(row);
      const counts = visitCounts({ ...visit, member: Boolean(memberLookup), returning });
      const hourKey = rowKey(hour, visit.zone);
      const hourly = await tx.objectStore('hourly').get(hourKey);
      const nextHourly: HourlyRow = {
        ...hourly,
        key: hourKey,
        hour,
        zone: visit.zone,
        counts: addCounts({ ...(hourly?.counts ?? {}) }, counts),
      };
      await tx.objectStore('hourly').put(nextHourly);
      const dayKey = rowKey(day, visit.zone);
      const daily = await tx.objectStore('daily').get(dayKey);
      const seen = new Set(daily?.seen ?? []);
      // A face never identified as anybody still counts as one person.
      if (person) seen.add(person);
      const unique = person
        ? seen.size + ((daily?.unique ?? 0) - (daily?.seen?.length ?? 0))
        : (daily?.unique ?? 0) + 1;
      const nextDaily: DailyRow = { key: dayKey, day, zone: visit.zone, unique, seen: [...seen] };
      await tx.objectStore('daily').put(nextDaily);
    });
    return row;
  }

  /** Records a stretch in which nothing was counted, in the row of the hour it started in. */
  async recordCameraOff(gap: readonly [number, number], zone: string): Promise<void> {
    const hour = hourStart(gap[0]);
    const key = rowKey(hour, zone);
    await this.db.write(['hourly'], async (tx) => {
      const row = await tx.objectStore('hourly').get(key);
      const next: HourlyRow = {
        key,
        hour,
        zone,
        counts: row?.counts ?? {},
        cameraOff: [...(row?.cameraOff ?? []), [gap[0], gap[1]]],
      };
      await tx.objectStore('hourly').put(next);
    });
  }

  /**
   * The highest anonymous visitor number among the days still remembering who was seen (the retention window),
   * 0 when none: numbers given while locked, when the saved visitors cannot be read, must not repeat them.
   */
  async highestVisitorNumber(since: number): Promise<number> {
    const days = await this.db.idb.getAllFromIndex('daily', 'byDay', IDBKeyRange.lowerBound(dayStart(since)));
    let highest = 0;
    for (const d of days)
      for (const who of d.seen ?? []) if (/^v\d+$/.test(who)) highest = Math.max(highest, Number(who.slice(1)));
    return highest;
  }

  /** Hourly counts starting in [from, to). */
  async hourly(from: number, to: number): Promise<HourlyCounts[]> {
    return this.db.idb.getAllFromIndex('hourly', 'byHour', IDBKeyRange.bound(from, to, false, true));
  }

  /** Daily counts of days starting in [from, to): this counter's, and other counters' of the shop (`counter`). */
  async daily(from: number, to: number): Promise<DailyCounts[]> {
    const rows = await this.db.idb.getAllFromIndex('daily', 'byDay', IDBKeyRange.bound(from, to, false, true));
    return rows.map((row) => {
      const { day, zone, unique } = row;
      const counter = otherCounterOf(row);
      return counter === undefined ? { day, zone, unique } : { day, zone, unique, counter };
    });
  }

  /**
   * Member visits starting in [from, to), newest first (the attendance log), at most `limit` of them, and
   * whether older ones were left out. A year of a busy shop holds hundreds of thousands; the screen shows the
   * newest. IndexedDB reads only forwards in one call and a cursor costs a round trip per row, so this reads
   * growing windows back from `to` (a day, then 4, 16 … days) until it has enough rows: two or three calls.
   */
  async memberVisitsBetween(
    from: number,
    to: number,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<{ rows: VisitRow[]; truncated: boolean }> {
    let span = DAY;
    for (;;) {
      const start = Math.max(from, to - span);
      const rows = await this.db.idb.getAllFromIndex(
        'visits',
        'byMemberTime',
        IDBKeyRange.bound(start, to, false, true),
      );
      if (rows.length >= limit || start === from) {
        rows.reverse();
        return { rows: rows.slice(0, limit), truncated: rows.length > limit || start > from };
      }
      span *= 4;
    }
  }

  async memberStats(memberId: string): Promise<MemberVisitStats> {
    const rows = await this.db.idb.getAllFromIndex('visits', 'byMember', await this.vault.memberLookup(memberId));
    return {
      visits: rows.length,
      lastVisit: rows.reduce<number | undefined>((m, r) => (m === undefined || r.start > m ? r.start : m), undefined),
    };
  }

  async memberVisits(memberId: string): Promise<VisitRow[]> {
    const rows = await this.db.idb.getAllFromIndex('visits', 'byMember', await this.vault.memberLookup(memberId));
    return rows.sort((a, b) => b.start - a.start);
  }

  /**
   * Applies the retention window: anonymous visit rows and anonymous templates older than it are deleted
   * (their counts live on in the aggregates), and days past it forget who was seen (keeping how many).
   */
  async purge(now: number, retentionMs: number): Promise<PurgeResult> {
    const cutoff = now - retentionMs;
    let visitsDeleted = 0;
    let templatesDeleted = 0;
    let daysForgotten = 0;
    await this.db.write(['visits', 'anonVisitors', 'daily'], async (tx) => {
      let cursor = await tx.objectStore('visits').index('byStart').openCursor(IDBKeyRange.upperBound(cutoff, true));
      while (cursor) {
        if (!cursor.value.memberLookup) {
          await cursor.delete();
          visitsDeleted++;
        }
        cursor = await cursor.continue();
      }
      let anon = await tx
        .objectStore('anonVisitors')
        .index('byLastSeen')
        .openCursor(IDBKeyRange.upperBound(cutoff, true));
      while (anon) {
        await anon.delete();
        templatesDeleted++;
        anon = await anon.continue();
      }
      // A day is forgotten once all of it is older than the window.
      let day = await tx
        .objectStore('daily')
        .index('byDay')
        .openCursor(IDBKeyRange.upperBound(cutoff - DAY, true));
      while (day) {
        if (day.value.seen) {
          const { seen: _forget, ...rest } = day.value;
          await day.update(rest);
          daysForgotten++;
        }
        day = await day.continue();
      }
    });
    return { visitsDeleted, templatesDeleted, daysForgotten };
  }

  /** Keeps an anonymous visitor's template (sealed) for the retention window, so a reload does not recount them. */
  async saveAnonymousVisitor(v: AnonymousVisitor): Promise<void> {
    const bytes = new Uint8Array(
      v.embedding.buffer.slice(v.embedding.byteOffset, v.embedding.byteOffset + v.embedding.byteLength),
    );
    const context = `anonVisitors/${v.id}`;
    const sealed = await this.vault.sealBytes(bytes, context);
    const sealedTraits = await this.vault.sealValue({ samples: v.samples ?? 1, traits: v.traits }, `${context}/traits`);
    await this.db.write(['anonVisitors'], async (tx) => {
      await tx
        .objectStore('anonVisitors')
        .put({ id: String(v.id), firstSeen: v.firstSeen, lastSeen: v.lastSeen, sealed, sealedTraits });
    });
  }

  async loadAnonymousVisitors(): Promise<AnonymousVisitor[]> {
    const rows = await this.db.idb.getAll('anonVisitors');
    return Promise.all(
      rows.map(async (r) => {
        const context = `anonVisitors/${r.id}`;
        const bytes = await this.vault.openBytes(r.sealed, context);
        const extra = r.sealedTraits
          ? await this.vault.openValue<{ samples: number; traits?: Traits }>(r.sealedTraits, `${context}/traits`)
          : undefined;
        return {
          id: Number(r.id),
          firstSeen: r.firstSeen,
          lastSeen: r.lastSeen,
          embedding: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
          ...(extra ? { samples: extra.samples, ...(extra.traits ? { traits: extra.traits } : {}) } : {}),
        };
      }),
    );
  }

  /** Adds many visits' counts at once (imports and benchmarks), without per-visit rows. */
  async addAggregates(hourly: readonly HourlyCounts[], daily: readonly DailyCounts[]): Promise<void> {
    await this.db.write(['hourly', 'daily'], async (tx) => {
      for (const h of hourly) {
        const key = rowKey(h.hour, h.zone);
        const prev = await tx.objectStore('hourly').get(key);
        await tx
          .objectStore('hourly')
          // Spread first: the row keeps what else it holds (its camera-off stretches).
          .put({ ...prev, key, hour: h.hour, zone: h.zone, counts: addCounts({ ...(prev?.counts ?? {}) }, h.counts) });
      }
      for (const d of daily) {
        const key = rowKey(d.day, d.zone);
        const prev = await tx.objectStore('daily').get(key);
        await tx.objectStore('daily').put({ key, day: d.day, zone: d.zone, unique: (prev?.unique ?? 0) + d.unique });
      }
    });
  }
}
