// Everything the Analytics screen shows for a date range, read from IndexedDB: hourly and daily aggregates, the
// member attendance log and the count of member purchases (for conversion). Kept apart from the component so
// `npm run bench -- analytics` times exactly what the screen runs, query by query.
import { type AnalyticsSummary, summarise } from '../../core/analytics/aggregates';
import type { KeyVault } from '../../store/key-vault';
import type { PurchasesStore } from '../../store/purchases-store';
import type { VisitsStore } from '../../store/visits-store';

/** Rows of the attendance log read at once; a year of a busy shop has hundreds of thousands. */
export const ATTENDANCE_LIMIT = 1000;

export interface AttendanceRow {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  /** Member name, or `formerMember` for a member erased since. */
  readonly name: string;
}

export interface AnalyticsSources {
  readonly visits: Pick<VisitsStore, 'hourly' | 'daily' | 'memberVisitsBetween'>;
  readonly vault: Pick<KeyVault, 'memberLookup'>;
  readonly purchases: Pick<PurchasesStore, 'countMemberBetween'>;
  /** Decrypted members (id and name). */
  readonly members: Iterable<{ readonly id: string; readonly displayName: string }>;
  readonly formerMember: string;
}

export interface AnalyticsData {
  readonly summary: AnalyticsSummary;
  /** The newest member visits of the range (at most ATTENDANCE_LIMIT), and whether older ones were left out. */
  readonly attendance: readonly AttendanceRow[];
  readonly attendanceTruncated: boolean;
  readonly purchasesByMembers: number;
  /** Milliseconds per query, for the screen's footer and the benchmark. */
  readonly timings: Readonly<Record<'aggregates' | 'attendance' | 'purchases' | 'summary' | 'total', number>>;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await work();
  return [value, performance.now() - t0];
}

export async function loadAnalytics(
  src: AnalyticsSources,
  range: { from: number; to: number; zone?: string | undefined },
): Promise<AnalyticsData> {
  const t0 = performance.now();
  const [
    [[hourly, daily], aggregatesMs],
    [{ shown: attendance, truncated: attendanceTruncated }, attendanceMs],
    [purchasesByMembers, purchasesMs],
  ] = await Promise.all([
    timed(() => Promise.all([src.visits.hourly(range.from, range.to), src.visits.daily(range.from, range.to)])),
    timed(async () => {
      const { rows, truncated } = await src.visits.memberVisitsBetween(range.from, range.to, ATTENDANCE_LIMIT);
      // Names come from the decrypted member list; visits only hold lookup hashes.
      const members = [...src.members];
      const lookups = await Promise.all(members.map((m) => src.vault.memberLookup(m.id)));
      const names = new Map(members.map((m, i) => [lookups[i] ?? '', m.displayName]));
      const shown = rows
        .filter((v) => !range.zone || v.zone === range.zone)
        .map((v) => ({
          start: v.start,
          end: v.end,
          zone: v.zone,
          name: names.get(v.memberLookup ?? '') ?? src.formerMember,
        }));
      return { shown, truncated };
    }),
    timed(() => src.purchases.countMemberBetween(range.from, range.to)),
  ]);
  const s0 = performance.now();
  const summary = summarise(hourly, daily, { from: range.from, to: range.to, zone: range.zone || undefined });
  const summaryMs = performance.now() - s0;
  return {
    summary,
    attendance,
    attendanceTruncated,
    purchasesByMembers,
    timings: {
      aggregates: aggregatesMs,
      attendance: attendanceMs,
      purchases: purchasesMs,
      summary: summaryMs,
      total: performance.now() - t0,
    },
  };
}
