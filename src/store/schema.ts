import type { Product } from '../core/catalogue/product';
import type { HybridSettings } from '../core/recommend/hybrid';
import type { TuningReport } from '../core/recommend/tuner';
// The IndexedDB schema, with its version history. Each migration takes the database from version N-1 to N and
// never loses data; tests open databases created at every earlier version and check that they upgrade intact.
// Personal fields are never stored in clear: records keep them in `sealed` (AES-GCM, see crypto.ts), and
// indexes only ever hold ids, times, non-personal codes or keyed lookup hashes.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { EnrolmentSource } from '../core/members/member';
import type { Role } from '../core/staff/staff-user';
import type { CapturedChange } from './change-capture';
import type { KeyWrap, Sealed } from './crypto';
import type { UnlockRecord } from './unlock-key';
import type { Box, UserKeys } from './user-keys';

export const DB_NAME = 'counterpart';
export const SCHEMA_VERSION = 8;

export interface KeysRecord {
  /**
   * The data key wrapped under the one shared passphrase, before staff users (schema 5 and earlier, and backups
   * made then). Schema 6 moves it into the first manager's StaffRow; it is never written again.
   */
  readonly wrap?: KeyWrap;
  /** Random HMAC key material for lookup hashes, sealed by the data key. */
  readonly lookupKey: Sealed;
  readonly createdAt: number;
}

/**
 * A staff user: their role, their name (sealed), and what their passphrase opens: the data key wrapped under it
 * (users made on this tablet), and their key pair with this tablet's unlock key sealed to it (every user from the
 * first unlock after schema 7; the only way in for a user who was added on another tablet of the shop).
 */
export interface StaffRow {
  /** Random id, what the audit log records. */
  readonly id: string;
  readonly role: Role;
  /** Absent on users who arrived from another tablet (no passphrase ever wrapped this tablet's data key). */
  readonly wrap?: KeyWrap;
  /** The user's key pair, the private key wrapped under their passphrase: what replicates (unlock-key.ts). */
  readonly keys?: UserKeys;
  /** This tablet's unlock key, sealed to `keys` (never replicated). */
  readonly box?: Box;
  /** The name, sealed under the data key; absent on the manager made from the shared passphrase (schema 6). */
  readonly sealed?: Sealed;
  readonly createdAt: number;
}

/** Which user unlocked this device last (a random id), so their wrap is tried first. */
export interface LastUserRecord {
  readonly id: string;
}

/**
 * This tablet's replication (schema 7 on; only on tablets of a shop that syncs): the server, the shop's
 * credentials and the sync keys, sealed under the data key (see src/shared/sync-api.ts SyncSecrets).
 */
export interface SyncRecord {
  readonly sealed: Sealed;
}

/** The last finished day (local midnight, epoch ms) of this counter's figures sent to the chain (a shop that syncs). */
export interface ChainDaysRecord {
  readonly final: number;
}

export interface UnlockFailuresRecord {
  readonly count: number;
  readonly lastAt: number;
}

export interface InstallRecord {
  /** Random id of this install, stamped into backups. */
  readonly id: string;
  readonly createdAt: number;
}

export interface MemberRow {
  readonly id: string;
  readonly createdAt: number;
  /** Lookup hash of the loyalty / customer id, when there is one. */
  readonly loyaltyLookup?: string;
  /**
   * Camera (liveness checked) or photo files; not personal, so in clear. Schema 5 on; absent only on rows
   * restored from a backup made before it (read as 'unrecorded').
   */
  readonly enrolledFrom?: EnrolmentSource;
  readonly sealed: Sealed;
}

export interface TemplateRow {
  readonly id: string;
  readonly memberId: string;
  /** Which embedding model produced the vector ("faceres@3.0.4"): vectors of different models never match. */
  readonly modelId: string;
  readonly dim: number;
  readonly createdAt: number;
  /**
   * Set on captures a merge brought in: a random id, one per merged record, so the gallery keeps one centroid per
   * record (see core/recognition/gallery.ts). Absent on a member's own captures.
   */
  readonly captureSet?: string;
  readonly sealed: Sealed;
}

export interface AuditRow {
  readonly id?: number;
  readonly at: number;
  readonly action: string;
  /** Opaque ids only (random member id, staff label): never a name, loyalty id or template. */
  readonly subject?: string;
  readonly staff?: string;
}

export interface ProductRow extends Product {
  readonly demo?: boolean;
  readonly updatedAt: number;
}

export interface PurchaseRow {
  /** Stable id (hash of source + invoice) so re-importing a file does not duplicate it. */
  readonly id: string;
  readonly invoice: string;
  /** Epoch ms of the sale. */
  readonly at: number;
  readonly items: readonly { readonly code: string; readonly quantity: number; readonly price: number }[];
  /** Lookup hash of the customer / loyalty id. */
  readonly customerLookup?: string;
  /**
   * Copy of `at` on purchases linked to a customer only, so "member purchases in a date range" is one index count
   * (the Analytics screen's conversion figure) rather than a scan of every sale. Kept by `linkedPurchase`.
   */
  readonly memberAt?: number;
  /** "ageBand|gender" of an anonymous buyer (counter sales to visitors, demo data), for segment best sellers. */
  readonly segment?: string;
  readonly source: string;
  /**
   * When staff voided the sale (a mistake at the counter). A voided sale is kept, for the record, but counts
   * nowhere: not in figures, training, or a member's history. No migration: rows without it are not voided.
   */
  readonly voidedAt?: number;
  readonly demo?: boolean;
}

export interface ImportRow {
  /** sha256 of the file contents. */
  readonly id: string;
  readonly name: string;
  readonly at: number;
  readonly accepted: number;
  readonly rejected: number;
}

export interface ItemModelRow {
  readonly id: string;
  readonly trainedAt: number;
  /** Time range (epoch ms) and number of the baskets it was trained on. */
  readonly dataFrom: number;
  readonly dataTo: number;
  readonly baskets: number;
  /** item2vec vectors; empty (dim 0, no codes) when the tuner left item2vec out of the chosen model. */
  readonly dim: number;
  readonly codes: readonly string[];
  /** codes.length x dim, row-major. */
  readonly vectors: Float32Array;
  /** Top-K item2vec neighbour graph over `codes` (CSR). Rows written before it existed lack it: retrain. */
  readonly neighbours?: { readonly rowPtr: Int32Array; readonly cols: Int32Array; readonly values: Float32Array };
  readonly settings: HybridSettings;
  /** How the settings were chosen on the shop's own recent sales (absent in models saved before tuning). */
  readonly tuning?: TuningReport;
}

export interface VisitRow {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  /**
   * Lookup hash of the member id when the visitor was a recognised member: visits cannot be joined to member
   * records without the unlocked install key.
   */
  readonly memberLookup?: string;
  /** Copy of `start` on member visits only, so the attendance log is one index range, not a scan of all visits. */
  readonly memberStart?: number;
  /** Anonymous visitor id, valid only within the retention window. */
  readonly visitorId?: string;
  readonly ageBand?: string;
  readonly gender?: string;
  readonly emotion?: Readonly<Record<string, number>>;
  readonly live?: boolean;
}

export interface AnonVisitorRow {
  readonly id: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** The anonymous template, sealed; purged with the row after the retention window. */
  readonly sealed: Sealed;
  /**
   * Sealed too: visits folded into the template, and the age and gender evidence of all their visits (absent in
   * rows written before these were kept; such a visitor starts afresh on both).
   */
  readonly sealedTraits?: Sealed;
}

export interface HourlyRow {
  /** Epoch ms at the start of the hour, plus zone: `${hour}|${zone}`. */
  readonly key: string;
  readonly hour: number;
  readonly zone: string;
  readonly counts: Readonly<Record<string, number>>;
  /** [from, to) stretches starting in this hour when nothing was counted (no index: no schema change). */
  readonly cameraOff?: readonly (readonly [number, number])[];
}

export interface DailyRow {
  /** `${day}|${zone}`, day = local midnight (epoch ms). */
  readonly key: string;
  readonly day: number;
  readonly zone: string;
  /** Distinct people seen that day in that zone. */
  readonly unique: number;
  /**
   * Who was seen (member lookup hashes, "v<number>" for anonymous visitors), to count each person once and to
   * tell returning visitors; dropped once the day is past the retention window, leaving only the count.
   */
  readonly seen?: readonly string[];
}

/**
 * A day of one counter's figures in a shop of the chain, as another tablet sent it for the chain's Analytics
 * (schema 8; CHAIN_FIGURES_KIND in shared/sync-api.ts): counts only, nothing of any person. Empty unless the shop
 * syncs; not in backups (replication brings it back).
 */
export interface ChainFiguresRow {
  /** `${day}|${zone}|${the sending counter's install id}`. */
  readonly id: string;
  /** The shop's name in the chain (as in Settings › Sync). */
  readonly shop: string;
  /** Local midnight (epoch ms) of the sending counter. */
  readonly day: number;
  readonly zone: string;
  readonly unique: number;
  readonly hours: readonly {
    readonly hour: number;
    readonly counts: Readonly<Record<string, number>>;
    readonly cameraOff?: readonly (readonly [number, number])[];
  }[];
}

export interface WatchRow {
  readonly id: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Lookup hash of the member id, when a member is flagged. */
  readonly memberLookup?: string;
  /** Last renewal; a face that is not a member's is kept for the face retention from here (or from createdAt). */
  readonly renewedAt?: number;
  /** Reason, who flagged, and the face template when flagging an anonymous track: sealed. */
  readonly sealed: Sealed;
}

export interface CounterpartDB extends DBSchema {
  meta: {
    key: string;
    value:
      KeysRecord | InstallRecord | UnlockFailuresRecord | LastUserRecord | SyncRecord | UnlockRecord | ChainDaysRecord;
  };
  settings: { key: string; value: unknown };
  members: { key: string; value: MemberRow; indexes: { byLoyalty: string } };
  templates: { key: string; value: TemplateRow; indexes: { byMember: string; byModel: string } };
  audit: { key: number; value: AuditRow; indexes: { byTime: number } };
  products: { key: string; value: ProductRow; indexes: { byCategory: string } };
  purchases: {
    key: string;
    value: PurchaseRow;
    indexes: { byCustomer: string; byTime: number; byMemberTime: number };
  };
  imports: { key: string; value: ImportRow };
  itemModels: { key: string; value: ItemModelRow };
  visits: { key: string; value: VisitRow; indexes: { byStart: number; byMember: string; byMemberTime: number } };
  anonVisitors: { key: string; value: AnonVisitorRow; indexes: { byLastSeen: number } };
  hourly: { key: string; value: HourlyRow; indexes: { byHour: number } };
  daily: { key: string; value: DailyRow; indexes: { byDay: number } };
  watchlist: { key: string; value: WatchRow; indexes: { byExpiry: number; byMember: string } };
  staff: { key: string; value: StaffRow };
  outbox: { key: number; value: OutboxRow };
  chainFigures: { key: string; value: ChainFiguresRow; indexes: { byDay: number; byShop: string } };
}

/**
 * A change to a replicated record not yet handed to the sync worker (schema 7; see change-capture.ts). Only
 * which record changed, never its content: the sync service reads the record through its repository when it
 * drains the outbox. Empty unless the shop syncs.
 */
export type OutboxRow = CapturedChange & { readonly id?: number; readonly at: number };

export type StoreName = StoreNames<CounterpartDB>;
type UpgradeTx = IDBPTransaction<CounterpartDB, StoreName[], 'versionchange'>;

/** Migration to version N, indexed by N. */
export const MIGRATIONS: Readonly<Record<number, (db: IDBPDatabase<CounterpartDB>, tx: UpgradeTx) => void>> = {
  // v1: members and their face templates, encryption keys, settings, audit log.
  1: (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('settings');
    db.createObjectStore('members', { keyPath: 'id' }).createIndex('byLoyalty', 'loyaltyLookup');
    const templates = db.createObjectStore('templates', { keyPath: 'id' });
    templates.createIndex('byMember', 'memberId');
    templates.createIndex('byModel', 'modelId');
    db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true }).createIndex('byTime', 'at');
  },
  // v2: the shop's catalogue, sales history, import log and trained item vectors.
  2: (db) => {
    db.createObjectStore('products', { keyPath: 'code' }).createIndex('byCategory', 'category');
    const purchases = db.createObjectStore('purchases', { keyPath: 'id' });
    purchases.createIndex('byCustomer', 'customerLookup');
    purchases.createIndex('byTime', 'at');
    db.createObjectStore('imports', { keyPath: 'id' });
    db.createObjectStore('itemModels', { keyPath: 'id' });
  },
  // v3: visits and analytics, anonymous re-identification within the retention window, watch-list.
  3: (db) => {
    const visits = db.createObjectStore('visits', { keyPath: 'id' });
    visits.createIndex('byStart', 'start');
    visits.createIndex('byMember', 'memberLookup');
    visits.createIndex('byMemberTime', 'memberStart');
    db.createObjectStore('anonVisitors', { keyPath: 'id' }).createIndex('byLastSeen', 'lastSeen');
    db.createObjectStore('hourly', { keyPath: 'key' }).createIndex('byHour', 'hour');
    db.createObjectStore('daily', { keyPath: 'key' }).createIndex('byDay', 'day');
    const watch = db.createObjectStore('watchlist', { keyPath: 'id' });
    watch.createIndex('byExpiry', 'expiresAt');
    watch.createIndex('byMember', 'memberLookup');
  },
  // v4: member purchases by time (for conversion over a date range), back-filled for existing sales.
  4: (_db, tx) => {
    const purchases = tx.objectStore('purchases');
    purchases.createIndex('byMemberTime', 'memberAt');
    const step = (cursor: Awaited<ReturnType<typeof purchases.openCursor>>): Promise<void> | undefined => {
      if (!cursor) return undefined;
      const row = cursor.value;
      const next = linkedPurchase(row);
      return (next !== row ? cursor.update(next) : Promise.resolve()).then(() => cursor.continue()).then(step);
    };
    void purchases.openCursor().then(step);
  },
  // v5: how each member was enrolled (camera, with the liveness check, or photo files). Members enrolled before
  // the app recorded it are marked 'unrecorded' rather than guessed.
  5: (_db, tx) => {
    const members = tx.objectStore('members');
    const step = (cursor: Awaited<ReturnType<typeof members.openCursor>>): Promise<void> | undefined => {
      if (!cursor) return undefined;
      const row = cursor.value;
      const next = row.enrolledFrom ? Promise.resolve() : cursor.update({ ...row, enrolledFrom: 'unrecorded' });
      return next.then(() => cursor.continue()).then(step);
    };
    void members.openCursor().then(step);
  },
  // v6: staff users, each with their own passphrase. The shared passphrase becomes the first manager: the same
  // wrap moves from the keys record into a staff row, so every passphrase that unlocked before still does.
  6: (db, tx) => {
    db.createObjectStore('staff', { keyPath: 'id' });
    const meta = tx.objectStore('meta');
    void meta.get('keys').then((value) => {
      const keys = value as KeysRecord | undefined;
      if (!keys?.wrap) return undefined;
      return Promise.all([
        tx.objectStore('staff').put(managerFromSharedWrap(keys.wrap, keys.createdAt)),
        meta.put(withoutSharedWrap(keys), 'keys'),
      ]);
    });
  },
  // v7: the outbox of changes waiting to replicate (empty unless the shop syncs).
  7: (db) => {
    db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
  },
  // v8: the other shops' figures, for the chain's Analytics (empty unless the shop syncs).
  8: (db) => {
    const figures = db.createObjectStore('chainFigures', { keyPath: 'id' });
    figures.createIndex('byDay', 'day');
    figures.createIndex('byShop', 'shop');
  },
};

/** The first manager, made from the passphrase every user shared before schema 6 (no name yet). */
export function managerFromSharedWrap(wrap: KeyWrap, createdAt: number): StaffRow {
  return { id: crypto.randomUUID(), role: 'manager', wrap, createdAt };
}

export function withoutSharedWrap(keys: KeysRecord): KeysRecord {
  const { wrap: _moved, ...rest } = keys;
  return rest;
}

/**
 * `row` with `memberAt` set exactly when it is linked to a customer and not voided (returns `row` itself when
 * already so).
 */
export function linkedPurchase(row: PurchaseRow): PurchaseRow {
  if (row.customerLookup && row.voidedAt === undefined)
    return row.memberAt === row.at ? row : { ...row, memberAt: row.at };
  if (row.memberAt === undefined) return row;
  const { memberAt: _dropped, ...rest } = row;
  return rest;
}

export function upgrade(db: IDBPDatabase<CounterpartDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate) throw new Error(`No migration to schema version ${v}`);
    migrate(db, tx);
  }
}
