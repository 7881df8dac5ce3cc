// Visits: one row per visit (a tracked face from arrival to departure). Member visits are linked by the member's
// lookup hash only; anonymous visits carry the visitor number, which is only meaningful within the retention
// window (after it, per-visitor rows are rolled up into hourly aggregates and deleted by the analytics purge).
import type { VisitRow } from './schema';
import type { Store } from './store';

export interface NewVisit {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly memberId?: string | undefined;
  readonly visitorId?: number | undefined;
  readonly ageBand?: string | undefined;
  readonly gender?: string | undefined;
  readonly emotion?: Readonly<Record<string, number>> | undefined;
  readonly live?: boolean | undefined;
}

export interface MemberVisitStats {
  readonly visits: number;
  readonly lastVisit: number | undefined;
}

export class VisitsStore {
  constructor(private readonly store: Store) {}

  async record(visit: NewVisit): Promise<VisitRow> {
    const row: VisitRow = {
      id: crypto.randomUUID(),
      start: visit.start,
      end: visit.end,
      zone: visit.zone,
      ...(visit.memberId && this.store.isUnlocked
        ? { memberLookup: await this.store.memberLookup(visit.memberId) }
        : {}),
      ...(visit.visitorId !== undefined && !visit.memberId ? { visitorId: String(visit.visitorId) } : {}),
      ...(visit.ageBand ? { ageBand: visit.ageBand } : {}),
      ...(visit.gender ? { gender: visit.gender } : {}),
      ...(visit.emotion ? { emotion: visit.emotion } : {}),
      ...(visit.live !== undefined ? { live: visit.live } : {}),
    };
    await this.store.write(['visits'], async (tx) => {
      await tx.objectStore('visits').put(row);
    });
    return row;
  }

  async memberStats(memberId: string): Promise<MemberVisitStats> {
    const rows = await this.store.db.getAllFromIndex('visits', 'byMember', await this.store.memberLookup(memberId));
    return {
      visits: rows.length,
      lastVisit: rows.reduce<number | undefined>((m, r) => (m === undefined || r.start > m ? r.start : m), undefined),
    };
  }

  async memberVisits(memberId: string): Promise<VisitRow[]> {
    const rows = await this.store.db.getAllFromIndex('visits', 'byMember', await this.store.memberLookup(memberId));
    return rows.sort((a, b) => b.start - a.start);
  }
}
