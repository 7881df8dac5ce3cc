// Everything the Analytics screen shows for a date range, read from IndexedDB: hourly and daily aggregates, the
// member attendance log and the count of member purchases (for conversion). Kept apart from the component so
// `npm run bench -- analytics` times exactly what the screen runs, query by query.
import { type AnalyticsSummary, summarise } from '../../core/analytics/aggregates';
import type { ChainFiguresStore, ShopFigures } from '../../store/chain-figures-store';
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
  /** The other shops of the chain (a tablet that syncs). */
  readonly chainFigures: Pick<ChainFiguresStore, 'between'>;
  /** Decrypted members (id and name). */
  readonly members: Iterable<{ readonly id: string; readonly displayName: string }>;
  readonly formerMember: string;
}

/** Every shop of the chain (AnalyticsRange.shop). */
export const ALL_SHOPS = '*';

export interface AnalyticsRange {
  readonly from: number;
  readonly to: number;
  readonly zone?: string | undefined;
  /**
   * Which shop of the chain: this tablet's when undefined (or its own name), another's by name, or ALL_SHOPS. Only
   * this shop has its member visit log and sales here; the other shops' figures are counts.
   */
  readonly shop?: { readonly show: string; readonly own: string } | undefined;
}

export interface AnalyticsData {
  readonly summary: AnalyticsSummary;
  /** The newest member visits of the range (at most ATTENDANCE_LIMIT), and whether older ones were left out. */
  readonly attendance: readonly AttendanceRow[];
  readonly attendanceTruncated: boolean;
  /** Purchases by members in the range; undefined for another shop (its sales are not on this tablet). */
  readonly purchasesByMembers: number | undefined;
  /** Milliseconds per query, for the screen's footer and the benchmark. */
  readonly timings: Readonly<Record<'aggregates' | 'attendance' | 'purchases' | 'summary' | 'total', number>>;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await work();
  return [value, performance.now() - t0];
}

/** The hourly and daily rows of the shops the range asks for: this shop's own, another's, or all of them. */
async function figures(src: AnalyticsSources, range: AnalyticsRange): Promise<ShopFigures> {
  const own = async () => ({
    hourly: await src.visits.hourly(range.from, range.to),
    daily: await src.visits.daily(range.from, range.to),
  });
  const shop = range.shop;
  if (!shop || shop.show === shop.own) return own();
  if (shop.show !== ALL_SHOPS) return src.chainFigures.between(range.from, range.to, (s) => s === shop.show);
  const [mine, others] = await Promise.all([
    own(),
    src.chainFigures.between(range.from, range.to, (s) => s !== shop.own),
  ]);
  return { hourly: [...mine.hourly, ...others.hourly], daily: [...mine.daily, ...others.daily] };
}

export async function loadAnalytics(src: AnalyticsSources, range: AnalyticsRange): Promise<AnalyticsData> {
  const t0 = performance.now();
  const ownShop = !range.shop || range.shop.show === range.shop.own;
  const [
    [{ hourly, daily }, aggregatesMs],
    [{ shown: attendance, truncated: attendanceTruncated }, attendanceMs],
    [purchasesByMembers, purchasesMs],
  ] = await Promise.all([
    timed(() => figures(src, range)),
    timed(async () => {
      // Another shop's member visits are not on this tablet: its figures are counts only.
      if (!ownShop) return { shown: [], truncated: false };
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
    timed(async () => (ownShop ? src.purchases.countMemberBetween(range.from, range.to) : undefined)),
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
