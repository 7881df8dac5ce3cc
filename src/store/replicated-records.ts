// The records that replicate, as they travel (docs/design/sync.md, "What replicates"). Outbound: an outbox row
// says which record changed; it is read here through the data key and handed on in the clear, for the sync worker
// to seal. Inbound: another tablet's record is written here under this tablet's own data key and lookup hashes,
// marked as replicated so it is not sent back out. Replicating today: members and their face templates (the
// chain's); sales, products, visits, each counter's figures, staff users, the watch-list and the audit log (the
// shop's); and each counter's days of figures for every shop of the chain (the chain's Analytics). The face
// templates of anonymous visitors never leave the counter that saw them (README, "What replicates today").
import type { EnrolmentSource, MemberProfile } from '../core/members/member';
import { type ShopWideSettings, readSettings, shopWide } from '../core/settings/settings';
import { fromBase64, toBase64 } from '../core/encoding/bytes-text';
import { dayStart } from '../core/analytics/aggregates';
import { HOUR } from '../core/time/durations';
import { CHAIN_FIGURES_KIND, type IncomingRecord, type OutgoingRecord, type SyncSecrets } from '../shared/sync-api';
import { type Database, queueAll } from './database';
import type { KeyVault, ReplicatedUser } from './key-vault';
import { SETTINGS_KEY } from './settings-store';
import type { UserKeys } from './user-keys';
import { otherCounterOf } from './visits-store';
import type { ReplicatedWatchEntry, WatchlistStore } from './watchlist-store';
import { type MembersStore, templateContext } from './members-store';
import {
  type AuditRow,
  type ChainFiguresRow,
  type DailyRow,
  type HourlyRow,
  type MemberRow,
  type OutboxRow,
  type ProductRow,
  type PurchaseRow,
  type TemplateRow,
  type VisitRow,
  type WatchRow,
  linkedPurchase,
} from './schema';

const SYNC_KEY = 'sync';
/** meta: the last finished day of this counter's figures sent to the chain (ChainDaysRecord). */
const CHAIN_DAYS_KEY = 'chainDays';
/**
 * While a day runs, a counter's day of figures goes to the chain at most this often; once more when it is over.
 * Every tablet of the chain reads each of these documents, so sending one at every visit would multiply the chain
 * database's reads by the visits of the day (README, "A chain of 1,000 shops").
 */
export const CHAIN_DAY_EVERY_MS = HOUR;
/** The void of a sale (its id is the sale's): a correction is a record of its own, not an edit of the sale. */
const SALE_VOID_KIND = 'sale-void';
const SYNC_CONTEXT = 'meta/sync';

interface MemberBody extends MemberProfile {
  readonly createdAt: number;
  readonly enrolledFrom: EnrolmentSource;
}

interface VisitBody {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly memberId?: string;
  readonly ageBand?: string;
  readonly gender?: string;
  readonly emotion?: Readonly<Record<string, number>>;
  readonly live?: boolean;
}

const DAY_MS = 86_400_000;

interface SaleBody {
  readonly invoice: string;
  readonly at: number;
  readonly items: PurchaseRow['items'];
  readonly source: string;
  readonly segment?: string;
  /** Sent by tablets from before voids were records of their own (still read). */
  readonly voidedAt?: number;
  /** The member's loyalty number, when the sale is linked to a member (sealed under that member's key). */
  readonly loyaltyId?: string;
}

interface TemplateBody {
  readonly memberId: string;
  readonly modelId: string;
  readonly dim: number;
  readonly createdAt: number;
  readonly captureSet?: string;
  /** The embedding's float32 bytes, base64. */
  readonly vector: string;
}

/** A staff user as they travel: their key pair's bytes in base64. */
interface StaffBody {
  readonly role: ReplicatedUser['role'];
  readonly name: string;
  readonly createdAt: number;
  readonly publicKey: JsonWebKey;
  readonly privateWrap: {
    readonly iterations: number;
    readonly salt: string;
    readonly iv: string;
    readonly wrapped: string;
  };
}

type AuditBody = Omit<AuditRow, 'id'>;

/** A day of a counter's figures as the chain's shops read it (CHAIN_FIGURES_KIND). */
type ChainFiguresBody = Omit<ChainFiguresRow, 'id'>;

/** What an inbound batch changed, for the services that keep it in memory. */
export interface Applied {
  /** Members or templates: the gallery is rebuilt. */
  readonly members: boolean;
  readonly staff: boolean;
  readonly watchlist: boolean;
  /** The shop's settings (retention and the rest of SHOP_WIDE_SETTINGS). */
  readonly settings: boolean;
}

export class ReplicatedRecords {
  /** Member lookup hash → member id, for visits (which name members by hash only). */
  readonly #members = new Map<string, string>();
  /** This tablet's shop in the chain (from the sync secrets), read once. */
  #shop: string | undefined;
  /** Days of this counter's figures changed since they last went to the chain (`${day}|${zone}`). */
  readonly #changedDays = new Map<string, { readonly day: number; readonly zone: string }>();
  /** When today's figures last went to the chain, by `${day}|${zone}` (this session; a reload sends them again). */
  readonly #chainDaySentAt = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly vault: KeyVault,
    private readonly members: MembersStore,
    private readonly watchlist: WatchlistStore,
  ) {}

  /** This tablet's sync secrets, if the shop syncs (needs the data key). */
  async secrets(): Promise<SyncSecrets | undefined> {
    const row = await this.db.idb.get('meta', SYNC_KEY);
    return row && 'sealed' in row ? this.vault.openValue<SyncSecrets>(row.sealed, SYNC_CONTEXT) : undefined;
  }

  async saveSecrets(secrets: SyncSecrets): Promise<void> {
    this.#shop = secrets.connection.shop;
    const sealed = await this.vault.sealValue(secrets, SYNC_CONTEXT);
    await this.db.write(['meta'], async (tx) => {
      await tx.objectStore('meta').put({ sealed }, SYNC_KEY);
    });
  }

  /** Whether this tablet syncs (readable while locked: the record's presence, not its content). */
  async isSyncing(): Promise<boolean> {
    return (await this.db.idb.count('meta', SYNC_KEY)) > 0;
  }

  /**
   * Queues every record that replicates for sending (when this tablet starts syncing). The shop's settings go
   * only from the tablet that made the shop: a tablet that joins takes the shop's, not the other way round.
   */
  async queueEverything(options: { readonly settings: boolean }): Promise<void> {
    const stores = [
      'members',
      'templates',
      'products',
      'purchases',
      'visits',
      'hourly',
      'daily',
      'staff',
      'watchlist',
      'audit',
      ...(options.settings ? (['settings'] as const) : []),
    ] as const;
    const keys = await Promise.all(stores.map((store) => this.db.idb.getAllKeys(store)));
    const at = this.db.now();
    await this.db.write(['outbox', 'meta'], async (tx) => {
      // Every finished day of this counter's figures goes to the chain again (chainDaysDue).
      await tx.objectStore('meta').delete(CHAIN_DAYS_KEY);
      const outbox = tx.objectStore('outbox');
      await queueAll(
        stores.flatMap((store, i) => (keys[i] ?? []).map((key) => ({ store, key }))),
        ({ store, key }) => outbox.add({ store, op: 'put', key, at }),
      );
    });
  }

  /** This tablet's shop in the chain, while it syncs. */
  async shop(): Promise<string | undefined> {
    this.#shop ??= (await this.secrets())?.connection.shop;
    return this.#shop;
  }

  /** Stops syncing here: the secrets go, the changes not yet sent with them, and the other shops' figures. */
  async forget(): Promise<void> {
    this.#shop = undefined;
    this.#changedDays.clear();
    this.#chainDaySentAt.clear();
    await this.db.write(['meta', 'outbox', 'chainFigures'], async (tx) => {
      await tx.objectStore('meta').delete(SYNC_KEY);
      await tx.objectStore('meta').delete(CHAIN_DAYS_KEY);
      await tx.objectStore('outbox').clear();
      await tx.objectStore('chainFigures').clear();
    });
  }

  /** The oldest changes waiting to be sent. */
  pending(limit: number): Promise<OutboxRow[]> {
    return this.db.idb.getAll('outbox', undefined, limit);
  }

  pendingCount(): Promise<number> {
    return this.db.idb.count('outbox');
  }

  /** Sent: the rows go. */
  async sent(rows: readonly OutboxRow[]): Promise<void> {
    await this.db.write(['outbox'], async (tx) => {
      for (const r of rows) if (r.id !== undefined) await tx.objectStore('outbox').delete(r.id);
    });
  }

  /**
   * The days of this counter's figures due to go to the chain (the chain's Analytics) at `now`: each finished day
   * once, an hour after it ended (a visit that began before midnight is recorded when it ends); today's at most
   * once in CHAIN_DAY_EVERY_MS while it changes; a day already sent as finished again at once if it changed (a
   * rare late correction). `sent` records that they went.
   */
  async chainDaysDue(now: number): Promise<{ records: OutgoingRecord[]; sent(): Promise<void> }> {
    const none = { records: [], sent: () => Promise.resolve() };
    const shop = await this.shop();
    if (!shop) return none;
    const today = dayStart(now);
    const marker = (await this.db.idb.get('meta', CHAIN_DAYS_KEY)) as { final?: number } | undefined;
    const final = marker?.final;
    const range =
      final === undefined ? IDBKeyRange.upperBound(today, true) : IDBKeyRange.bound(final, today, true, true);
    const due = new Map<string, { day: number; zone: string }>();
    let newFinal = final;
    for (const d of await this.db.idb.getAllFromIndex('daily', 'byDay', range)) {
      // This counter's own rows only; finished an hour ago.
      if (otherCounterOf(d) !== undefined || now < dayStart(d.day + 36 * HOUR) + HOUR) continue;
      due.set(d.key, { day: d.day, zone: d.zone });
      newFinal = Math.max(newFinal ?? d.day, d.day);
    }
    for (const [key, changed] of this.#changedDays) {
      const sentAt = this.#chainDaySentAt.get(key);
      if (final !== undefined && changed.day <= final) due.set(key, changed);
      else if (changed.day === today && (sentAt === undefined || now - sentAt >= CHAIN_DAY_EVERY_MS))
        due.set(key, changed);
    }
    if (!due.size) return none;
    const install = await this.db.installId();
    const records = (
      await Promise.all([...due.values()].map(({ day, zone }) => this.#outgoingChainDay(shop, day, zone, install)))
    ).flat();
    return {
      records,
      sent: async () => {
        for (const [key, { day }] of due) {
          this.#changedDays.delete(key);
          if (day === today) this.#chainDaySentAt.set(key, now);
        }
        if (newFinal !== final && newFinal !== undefined) {
          const record = { final: newFinal };
          await this.db.write(['meta'], async (tx) => {
            await tx.objectStore('meta').put(record, CHAIN_DAYS_KEY);
          });
        }
      },
    };
  }

  /** What an outbox row sends: the record as it is now, its end, or nothing (a store that does not replicate yet). */
  async outgoing(row: OutboxRow): Promise<OutgoingRecord[]> {
    // The audit log's own rows (numbered here) travel under this tablet's install id; rows from other tablets are
    // theirs to send.
    if (row.store === 'audit')
      return row.op === 'put' && typeof row.key === 'number' ? this.#outgoingAudit(row.key) : [];
    // Records that replicate have string keys. Ranges and clears (retention purges, removing the demo shop) are each
    // tablet's own to make, so they do not travel.
    if ((row.op !== 'put' && row.op !== 'delete') || typeof row.key !== 'string') return [];
    const id = row.key;
    if (row.store === 'members') {
      if (row.op === 'delete') return [{ scope: 'chain', kind: 'member', id, memberId: id, ended: true }];
      const member = await this.members.getMember(id);
      // Gone since (erased in a later change, which the next rows send).
      if (!member) return [];
      const { id: _id, ...body } = member;
      return [{ scope: 'chain', kind: 'member', id, memberId: id, body: body satisfies MemberBody }];
    }
    if (row.store === 'templates') {
      if (row.op === 'delete') return [{ scope: 'chain', kind: 'template', id, ended: true }];
      const t = await this.db.idb.get('templates', id);
      if (!t) return [];
      const bytes = await this.vault.openBytes(t.sealed, templateContext(id));
      const body: TemplateBody = {
        memberId: t.memberId,
        modelId: t.modelId,
        dim: t.dim,
        createdAt: t.createdAt,
        ...(t.captureSet ? { captureSet: t.captureSet } : {}),
        vector: toBase64(bytes),
      };
      return [{ scope: 'chain', kind: 'template', id, memberId: t.memberId, body }];
    }
    if (row.store === 'purchases') return this.#outgoingPurchase(row.op, id);
    if (row.store === 'visits' && row.op === 'put') return this.#outgoingVisit(id);
    if ((row.store === 'hourly' || row.store === 'daily') && row.op === 'put')
      return this.#outgoingFigures(row.store, id);
    if (row.store === 'staff') {
      if (row.op === 'delete') return [{ scope: 'shop', kind: 'staff', id, ended: true }];
      const user = await this.vault.replicatedUser(id);
      return user ? [{ scope: 'shop', kind: 'staff', id, body: staffBody(user) }] : [];
    }
    if (row.store === 'watchlist') return this.#outgoingWatch(row.op, id);
    if (row.store === 'settings') {
      if (row.op !== 'put' || id !== SETTINGS_KEY) return [];
      const body: ShopWideSettings = shopWide(readSettings(await this.db.idb.get('settings', id)));
      return [{ scope: 'shop', kind: 'settings', id: 'shop', body }];
    }
    if (row.store === 'products') {
      if (row.op === 'delete') return [{ scope: 'shop', kind: 'product', id, ended: true }];
      const p = await this.db.idb.get('products', id);
      // The demo shop's catalogue stays on the tablet that loaded it.
      if (!p || p.demo) return [];
      return [{ scope: 'shop', kind: 'product', id, body: p }];
    }
    return [];
  }

  /**
   * A visit: a member's under the member's key (the member visit log on every tablet); an anonymous one under the
   * key of its day, which every tablet forgets when the day leaves the retention window, without its visitor
   * number (each counter numbers its own visitors). A visit's removal (retention, erasure) is every tablet's own to
   * make, so it does not travel.
   */
  async #outgoingVisit(id: string): Promise<OutgoingRecord[]> {
    const v = await this.db.idb.get('visits', id);
    if (!v) return [];
    const memberId = v.memberLookup ? await this.#memberOf(v.memberLookup) : undefined;
    // A member's visit whose member is gone (erased since) has nothing left to send.
    if (v.memberLookup && !memberId) return [];
    const body: VisitBody = {
      start: v.start,
      end: v.end,
      zone: v.zone,
      ...(memberId ? { memberId } : {}),
      ...(v.ageBand ? { ageBand: v.ageBand } : {}),
      ...(v.gender ? { gender: v.gender } : {}),
      ...(v.emotion ? { emotion: v.emotion } : {}),
      ...(v.live !== undefined ? { live: v.live } : {}),
    };
    return [
      memberId
        ? { scope: 'shop', kind: 'visit', id, memberId, body }
        : { scope: 'shop', kind: 'visit', id, day: Math.floor(v.start / DAY_MS), body },
    ];
  }

  /** The member a lookup hash stands for (hashes are this tablet's own: worked out once per member). */
  async #memberOf(lookup: string): Promise<string | undefined> {
    if (!this.#members.has(lookup))
      for (const id of await this.db.idb.getAllKeys('members'))
        this.#members.set(await this.vault.memberLookup(id), id);
    return this.#members.get(lookup);
  }

  /**
   * An hour's or day's figures of this counter. They travel as this tablet's own (its install id is in the record
   * id), so two counters never write one record: each tablet keeps every counter's rows beside its own, and
   * Analytics sums them (per zone, or the whole shop). Who was seen that day (`seen`: this tablet's lookup hashes)
   * stays here: the shop's unique visitors are then the sum of each counter's, counting a person seen at two
   * counters twice.
   */
  async #outgoingFigures(store: 'hourly' | 'daily', key: string): Promise<OutgoingRecord[]> {
    const row = await this.db.idb.get(store, key);
    // Another counter's rows (kept here under that counter's key) are that counter's to send.
    if (!row || otherCounterOf(row) !== undefined) return [];
    const { seen: _seen, ...figures } = row as DailyRow;
    // Its day goes to the chain when due (chainDaysDue).
    const day = 'hour' in row ? dayStart(row.hour) : row.day;
    this.#changedDays.set(`${day}|${row.zone}`, { day, zone: row.zone });
    return [{ scope: 'shop', kind: store, id: `${key}|${await this.db.installId()}`, body: figures }];
  }

  /**
   * A day of this counter's figures for every shop of the chain (the chain's Analytics): its hours and unique
   * visitors in one record (chainDaysDue says when). Counts only: who was seen stays here.
   */
  async #outgoingChainDay(shop: string, day: number, zone: string, install: string): Promise<OutgoingRecord[]> {
    const nextDay = dayStart(day + 36 * HOUR);
    const hourly = await this.db.idb.getAllFromIndex('hourly', 'byHour', IDBKeyRange.bound(day, nextDay, false, true));
    const hours = hourly
      .filter((h) => h.zone === zone && otherCounterOf(h) === undefined)
      .map(({ hour, counts, cameraOff }) => ({ hour, counts, ...(cameraOff ? { cameraOff } : {}) }));
    const daily = await this.db.idb.get('daily', `${day}|${zone}`);
    const body: ChainFiguresBody = { shop, day, zone, unique: daily?.unique ?? 0, hours };
    return [{ scope: 'chain', kind: CHAIN_FIGURES_KIND, id: `${day}|${zone}|${install}`, body }];
  }

  /**
   * A watch-list entry: a member's under the member's key (gone with an erasure); a face that is not a member's
   * under the key of the day it was flagged or last renewed, so it cannot be opened once that day has left the
   * shop's retention window. Its removal ends it everywhere (a removal beats a renewal made elsewhere).
   */
  async #outgoingWatch(op: 'put' | 'delete', id: string): Promise<OutgoingRecord[]> {
    if (op === 'delete') return [{ scope: 'shop', kind: 'watch', id, ended: true }];
    const entry = await this.watchlist.replicated(id);
    if (!entry) return [];
    return [
      entry.memberId
        ? { scope: 'shop', kind: 'watch', id, memberId: entry.memberId, body: entry }
        : {
            scope: 'shop',
            kind: 'watch',
            id,
            day: Math.floor((entry.renewedAt ?? entry.createdAt) / DAY_MS),
            body: entry,
          },
    ];
  }

  /** An audit row of this tablet: only ever added (an erasure's removal of a subject sends it again, without). */
  async #outgoingAudit(key: number): Promise<OutgoingRecord[]> {
    const row = await this.db.idb.get('audit', key);
    if (!row) return [];
    const { id: _id, ...body } = row;
    return [
      { scope: 'shop', kind: 'audit', id: `${await this.db.installId()}.${key}`, body: body satisfies AuditBody },
    ];
  }

  /**
   * A sale: the shop's, under the shop key; one linked to a member goes under that member's key, with their
   * loyalty number inside (each tablet keys its own lookup hashes), so erasing the member leaves the sale in the
   * figures with nothing to tie it to them. A link to a customer who is not a member does not travel. A sale never
   * changes once made: its void is a record of its own (SALE_VOID_KIND) naming the sale, under the sale's key (so
   * it is read with or after the sale, never before), and two tablets voiding one sale write the same fact.
   */
  async #outgoingPurchase(op: 'put' | 'delete', id: string): Promise<OutgoingRecord[]> {
    if (op === 'delete') return [{ scope: 'shop', kind: 'sale', id, ended: true }];
    const p = await this.db.idb.get('purchases', id);
    if (!p || p.demo) return [];
    const member = p.customerLookup
      ? await this.db.idb.getFromIndex('members', 'byLoyalty', p.customerLookup)
      : undefined;
    const loyaltyId = member ? (await this.members.getMember(member.id))?.loyaltyId : undefined;
    const body: SaleBody = {
      invoice: p.invoice,
      at: p.at,
      items: p.items,
      source: p.source,
      ...(p.segment ? { segment: p.segment } : {}),
      ...(loyaltyId ? { loyaltyId } : {}),
    };
    const key = member && loyaltyId ? { memberId: member.id } : {};
    return [
      { scope: 'shop', kind: 'sale', id, ...key, body },
      ...(p.voidedAt !== undefined
        ? [{ scope: 'shop', kind: SALE_VOID_KIND, id, ...key, body: { voidedAt: p.voidedAt } } as const]
        : []),
    ];
  }

  /**
   * Writes other tablets' changes here (not captured: they are not sent back), and says what changed.
   */
  async apply(records: readonly IncomingRecord[], erased: readonly string[]): Promise<Applied> {
    this.vault.assertUnlocked();
    let changed = false;
    for (const memberId of erased) {
      await this.members.eraseReplicated(memberId);
      changed = true;
    }
    const staff = await this.#applyStaff(records);
    const settings = await this.#applySettings(records);
    const members: MemberRow[] = [];
    const templates: TemplateRow[] = [];
    const endedTemplates: string[] = [];
    const sales: PurchaseRow[] = [];
    const products: ProductRow[] = [];
    const hourly: HourlyRow[] = [];
    const visits: VisitRow[] = [];
    const daily: DailyRow[] = [];
    const watch: WatchRow[] = [];
    const endedWatch: string[] = [];
    const audit: AuditRow[] = [];
    const chainDays: ChainFiguresRow[] = [];
    const voids = new Map<string, number>();
    const gone = new Set(erased);
    for (const r of records) {
      // A member erased elsewhere stays erased, whatever else of theirs arrived in the same pull.
      if (gone.has(r.kind === 'template' && !r.ended ? (r.body as TemplateBody).memberId : r.id)) continue;
      if (r.kind === 'member' && !r.ended) members.push(await this.#memberRow(r.id, r.body as MemberBody));
      else if (r.kind === 'template' && r.ended) endedTemplates.push(r.id);
      else if (r.kind === 'template') templates.push(await this.#templateRow(r.id, r.body as TemplateBody));
      else if (r.kind === 'sale' && !r.ended) sales.push(await this.#saleRow(r.id, r.body as SaleBody));
      else if (r.kind === SALE_VOID_KIND && !r.ended) voids.set(r.id, (r.body as { voidedAt: number }).voidedAt);
      else if (r.kind === 'product' && !r.ended) products.push(r.body as ProductRow);
      else if (r.kind === 'visit' && !r.ended) visits.push(await this.#visitRow(r.id, r.body as VisitBody));
      else if (r.kind === 'hourly' && !r.ended) hourly.push({ ...(r.body as HourlyRow), key: r.id });
      else if (r.kind === 'daily' && !r.ended) daily.push({ ...(r.body as DailyRow), key: r.id });
      else if (r.kind === CHAIN_FIGURES_KIND && !r.ended) chainDays.push({ ...(r.body as ChainFiguresBody), id: r.id });
      else if (r.kind === 'watch' && r.ended) endedWatch.push(r.id);
      else if (r.kind === 'watch') {
        const entry = r.body as ReplicatedWatchEntry;
        if (!entry.memberId || !gone.has(entry.memberId)) watch.push(await this.watchlist.rowFromReplica(r.id, entry));
      }
      // Other tablets' audit rows keep their tablet's numbering in a text key (this tablet's own are numbers).
      else if (r.kind === 'audit' && !r.ended)
        audit.push({ ...(r.body as AuditBody), id: r.id } as unknown as AuditRow);
    }
    const written =
      members.length +
      templates.length +
      endedTemplates.length +
      sales.length +
      voids.size +
      products.length +
      visits.length;
    const others = hourly.length + daily.length + watch.length + endedWatch.length + audit.length + chainDays.length;
    const applied = (members: boolean): Applied => ({
      members,
      staff,
      watchlist: watch.length > 0 || endedWatch.length > 0,
      settings,
    });
    if (!written && !others) return applied(changed);
    await this.db.write(
      [
        'members',
        'templates',
        'purchases',
        'products',
        'visits',
        'hourly',
        'daily',
        'watchlist',
        'audit',
        'chainFigures',
      ],
      async (tx) => {
        for (const m of members) await tx.objectStore('members').put(m);
        for (const t of templates) await tx.objectStore('templates').put(t);
        for (const id of endedTemplates) await tx.objectStore('templates').delete(id);
        const purchases = tx.objectStore('purchases');
        for (const p of sales) {
          // A void read earlier stays: the sale itself never carries one.
          const voidedAt = p.voidedAt ?? (await purchases.get(p.id))?.voidedAt;
          await purchases.put(voidedAt === undefined ? p : linkedPurchase({ ...p, voidedAt }));
        }
        for (const [id, voidedAt] of voids) {
          const sale = await purchases.get(id);
          if (sale && sale.voidedAt === undefined) await purchases.put(linkedPurchase({ ...sale, voidedAt }));
        }
        for (const p of products) await tx.objectStore('products').put(p);
        for (const v of visits) await tx.objectStore('visits').put(v);
        for (const h of hourly) await tx.objectStore('hourly').put(h);
        for (const d of daily) await tx.objectStore('daily').put(d);
        for (const w of watch) await tx.objectStore('watchlist').put(w);
        for (const id of endedWatch) await tx.objectStore('watchlist').delete(id);
        for (const a of audit) await tx.objectStore('audit').put(a);
        for (const c of chainDays) await tx.objectStore('chainFigures').put(c);
      },
      { replicated: true },
    );
    return applied(changed || members.length > 0 || templates.length > 0 || endedTemplates.length > 0);
  }

  /** The shop's settings as changed on another tablet (the last change read wins); this device's own stay. */
  async #applySettings(records: readonly IncomingRecord[]): Promise<boolean> {
    const last = records.filter((r) => r.kind === 'settings' && !r.ended).at(-1);
    if (!last) return false;
    const current = readSettings(await this.db.idb.get('settings', SETTINGS_KEY));
    const next = readSettings({ ...current, ...(last.body as Partial<ShopWideSettings>) });
    await this.db.write(
      ['settings'],
      async (tx) => {
        await tx.objectStore('settings').put(next, SETTINGS_KEY);
      },
      { replicated: true },
    );
    return true;
  }

  /** Staff users added, changed or removed elsewhere; whether any were. */
  async #applyStaff(records: readonly IncomingRecord[]): Promise<boolean> {
    const users: ReplicatedUser[] = [];
    const removed: string[] = [];
    for (const r of records) {
      if (r.kind !== 'staff') continue;
      if (r.ended) removed.push(r.id);
      else users.push(userFromBody(r.id, r.body as StaffBody));
    }
    await this.vault.applyReplicatedUsers(users, removed);
    return users.length > 0 || removed.length > 0;
  }

  async #visitRow(id: string, body: VisitBody): Promise<VisitRow> {
    const { memberId, ...visit } = body;
    if (!memberId) return { id, ...visit };
    const memberLookup = await this.vault.memberLookup(memberId);
    return { id, ...visit, memberLookup, memberStart: visit.start };
  }

  async #saleRow(id: string, body: SaleBody): Promise<PurchaseRow> {
    const { loyaltyId, ...sale } = body;
    return linkedPurchase({
      id,
      ...sale,
      ...(loyaltyId ? { customerLookup: await this.vault.customerLookup(loyaltyId) } : {}),
    });
  }

  #memberRow(id: string, body: MemberBody): Promise<MemberRow> {
    const profile: MemberProfile = {
      displayName: body.displayName,
      consent: body.consent,
      ...(body.loyaltyId ? { loyaltyId: body.loyaltyId } : {}),
    };
    return this.members.memberRow(id, body.createdAt, body.enrolledFrom, profile);
  }

  async #templateRow(id: string, body: TemplateBody): Promise<TemplateRow> {
    return {
      id,
      memberId: body.memberId,
      modelId: body.modelId,
      dim: body.dim,
      createdAt: body.createdAt,
      ...(body.captureSet ? { captureSet: body.captureSet } : {}),
      sealed: await this.vault.sealBytes(fromBase64(body.vector), templateContext(id)),
    };
  }
}

function staffBody(user: ReplicatedUser): StaffBody {
  const { salt, iv, wrapped, iterations } = user.keys.privateWrap;
  return {
    role: user.role,
    name: user.name,
    createdAt: user.createdAt,
    publicKey: user.keys.publicKey,
    privateWrap: { iterations, salt: toBase64(salt), iv: toBase64(iv), wrapped: toBase64(wrapped) },
  };
}

function userFromBody(id: string, body: StaffBody): ReplicatedUser {
  const { salt, iv, wrapped, iterations } = body.privateWrap;
  const keys: UserKeys = {
    publicKey: body.publicKey,
    privateWrap: { iterations, salt: fromBase64(salt), iv: fromBase64(iv), wrapped: fromBase64(wrapped) },
  };
  return { id, role: body.role, name: body.name, createdAt: body.createdAt, keys };
}
