// Encrypted backup: one file that moves a shop's data to a new tablet. Personal data inside stays exactly as
// stored, sealed under the data key; the data key stays wrapped under each staff user's passphrase (backups made
// before staff users, under the one shared passphrase). A digest of the contents and of the envelope around them
// (format 1: the contents only), sealed with the data key, makes any alteration (or a file from another install
// with the same format) fail on import. Import replaces the store in one transaction: all of the backup, or nothing.
import { fromBase64, toBase64 } from '../core/encoding/bytes-text';
import { z } from '../core/zod';
import { type Sealed, open, openDataKey } from './crypto';
import { BackupRejectedError } from './errors';
import {
  type KeysRecord,
  type PurchaseRow,
  SCHEMA_VERSION,
  type StaffRow,
  type StoreName,
  linkedPurchase,
  managerFromSharedWrap,
  withoutSharedWrap,
} from './schema';
import { AuditLog } from './audit-log';
import type { Database } from './database';
import type { KeyVault } from './key-vault';
import { strings } from '../i18n/strings';

export const BACKUP_FORMAT = 'counterpart-backup';
/** 2: the digest covers the envelope too (and the data key is wrapped per staff user, in the staff store). */
export const BACKUP_FORMAT_VERSION = 2;

/** Stores copied into a backup. meta's unlock-failure counter is device state, not data. */
const BACKED_UP: readonly Exclude<StoreName, 'meta'>[] = [
  'settings',
  'members',
  'templates',
  'audit',
  'products',
  'purchases',
  'imports',
  'itemModels',
  'visits',
  'anonVisitors',
  'hourly',
  'daily',
  'watchlist',
  'staff',
];

// ---- typed arrays <-> JSON ----

function encode(_key: string, value: unknown): unknown {
  if (value instanceof Float32Array)
    return { $f32: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  if (value instanceof Uint8Array) return { $u8: toBase64(value) };
  return value;
}

function decode(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object') {
    const v = value as { $u8?: unknown; $f32?: unknown };
    if (typeof v.$u8 === 'string') return fromBase64(v.$u8);
    if (typeof v.$f32 === 'string') {
      const b = fromBase64(v.$f32);
      return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
    }
  }
  return value;
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

// ---- validation ----

const bytesSchema = z.instanceof(Uint8Array);
const sealedSchema = z.object({ iv: bytesSchema, data: bytesSchema });
const keyWrapSchema = z.object({
  kdf: z.literal('PBKDF2-SHA-256'),
  iterations: z.number().int().positive(),
  salt: bytesSchema,
  iv: bytesSchema,
  wrappedKey: bytesSchema,
});
const envelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  schemaVersion: z.number().int().min(1),
  createdAt: z.number(),
  installId: z.string(),
});
const bodySchema = z.object({
  keys: z.object({ wrap: keyWrapSchema.optional(), lookupKey: sealedSchema, createdAt: z.number() }),
  stores: z.record(z.string(), z.array(z.unknown())),
  digest: sealedSchema,
  storesText: z.string(),
});
const rowSchemas: Partial<Record<StoreName, z.ZodType>> = {
  settings: z.object({ key: z.string(), value: z.unknown() }),
  members: z.object({ id: z.string(), createdAt: z.number(), sealed: sealedSchema }).loose(),
  templates: z
    .object({
      id: z.string(),
      memberId: z.string(),
      modelId: z.string(),
      dim: z.number().int().positive(),
      sealed: sealedSchema,
    })
    .loose(),
  audit: z.object({ at: z.number(), action: z.string() }).loose(),
  products: z.object({ code: z.string(), name: z.string(), price: z.number() }).loose(),
  purchases: z.object({ id: z.string(), invoice: z.string(), at: z.number(), items: z.array(z.unknown()) }).loose(),
  visits: z.object({ id: z.string(), start: z.number(), end: z.number() }).loose(),
  staff: z
    .object({
      id: z.string(),
      role: z.enum(['manager', 'staff']),
      wrap: keyWrapSchema.optional(),
      createdAt: z.number(),
    })
    .loose(),
};

// ---- export ----

export interface BackupFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export async function exportBackup(db: Database, vault: KeyVault): Promise<BackupFile> {
  const actor = vault.assertMay('backup');
  const stores: Record<string, unknown[]> = {};
  for (const name of BACKED_UP) {
    // Settings are keyed out of line: keep each key with its value.
    if (name === 'settings') {
      const keys = await db.idb.getAllKeys('settings');
      stores[name] = await Promise.all(keys.map(async (key) => ({ key, value: await db.idb.get('settings', key) })));
    } else if (name === 'staff') {
      // The unlock key sealed to each user is this tablet's: it stays here (the tablet that restores makes its own).
      stores[name] = (await db.idb.getAll('staff')).map(({ box: _box, ...row }) => row);
    } else {
      stores[name] = await db.idb.getAll(name);
    }
  }
  const keys = await vault.keysRecord();
  // The stores are serialised once; the digest covers exactly that text.
  const storesText = JSON.stringify(stores, encode);
  const createdAt = db.now();
  const envelope: Envelope = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: SCHEMA_VERSION,
    createdAt,
    installId: await db.installId(),
  };
  const digest = await vault.sealBytes(await sha256(digestText(envelope, keys, storesText)), 'backup/digest');
  const file = {
    ...envelope,
    keys: JSON.parse(JSON.stringify(keys, encode)) as unknown,
    digest: JSON.parse(JSON.stringify(digest, encode)) as unknown,
    storesText,
  };
  await new AuditLog(db).add('backup.exported', undefined, actor.id);
  const date = new Date(createdAt).toISOString().slice(0, 10);
  return { name: `counterpart-backup-${date}.json`, bytes: new TextEncoder().encode(JSON.stringify(file)) };
}

// ---- import ----

export interface ImportSummary {
  readonly members: number;
  readonly templates: number;
  readonly products: number;
  readonly purchases: number;
}

/** Checks a backup file completely, then replaces this device's data with it. */
export async function importBackup(
  db: Database,
  vault: KeyVault,
  bytes: Uint8Array,
  passphrase: string,
): Promise<ImportSummary> {
  // A tablet already in use is replaced only by a manager; a new one (not set up yet) by whoever sets it up.
  const actor = (await vault.isSetUp()) ? vault.assertMay('backup') : undefined;
  const parsed = parseEnvelope(bytes);
  // A backup from before staff users has the shared passphrase's wrap only: it becomes the first manager.
  const staff = (parsed.stores.staff ?? []) as StaffRow[];
  if (!staff.length && parsed.keys.wrap) staff.push(managerFromSharedWrap(parsed.keys.wrap, parsed.keys.createdAt));
  const key = await unwrapAny(passphrase, staff);
  if (!key) throw new BackupRejectedError('wrong-passphrase', strings.errors.backupWrongPassphrase);
  let expected: Uint8Array;
  try {
    expected = await open(key, parsed.digest, 'backup/digest');
  } catch {
    throw corrupt('seal');
  }
  const actual = await sha256(digestText(parsed.envelope, parsed.keys, parsed.storesText));
  if (expected.length !== actual.length || expected.some((b, i) => b !== actual[i])) throw corrupt('altered');

  const rows = parsed.stores;
  await db.write(['meta', ...BACKED_UP], async (tx) => {
    for (const name of BACKED_UP) await tx.objectStore(name).clear();
    await tx.objectStore('meta').put(withoutSharedWrap(parsed.keys), 'keys');
    await tx.objectStore('meta').delete('unlockFailures');
    await tx.objectStore('meta').delete('lastUser');
    // The unlock key wraps the data key being replaced; the first unlock of the restored data makes a new one.
    await tx.objectStore('meta').delete('unlock');
    for (const name of BACKED_UP) {
      const os = tx.objectStore(name);
      for (const row of name === 'staff' ? staff : (rows[name] ?? [])) {
        if (name === 'settings') {
          const { key, value } = row as { key: string; value: unknown };
          await tx.objectStore('settings').put(value, key);
        } else {
          // Backups from before schema 4 lack `memberAt` on linked purchases; add it so the index is complete.
          const value = name === 'purchases' ? linkedPurchase(row as PurchaseRow) : row;
          await (os.put as (v: unknown) => Promise<unknown>)(value);
        }
      }
    }
  });
  vault.lock();
  // Who imported it is a user of the replaced data, not of the restored one; the id is kept all the same.
  await new AuditLog(db).add('backup.imported', undefined, actor?.id);
  return {
    members: rows.members?.length ?? 0,
    templates: rows.templates?.length ?? 0,
    products: rows.products?.length ?? 0,
    purchases: rows.purchases?.length ?? 0,
  };
}

/** The data key, if `passphrase` is one of the backup's users'. */
async function unwrapAny(passphrase: string, staff: readonly StaffRow[]): Promise<CryptoKey | undefined> {
  // Users who came from another tablet of the shop have no wrap of this data key: their passphrase opens this
  // backup only once a user made here has restored it and the next sync has given them the new unlock key.
  for (const row of staff) {
    if (!row.wrap) continue;
    const key = await openDataKey(passphrase, row.wrap);
    if (key) return key;
  }
  return undefined;
}

function corrupt(why: keyof typeof strings.errors.backupDamage): BackupRejectedError {
  return new BackupRejectedError('corrupt', strings.errors.backupDamaged(strings.errors.backupDamage[why]));
}

type Envelope = z.infer<typeof envelopeSchema>;

/**
 * What the sealed digest covers: from format 2 the envelope and the key record too, written out field by field
 * in a fixed order (not as parsed JSON, whose key order a file could change); format 1 covered the contents only.
 */
function digestText(envelope: Envelope, keys: KeysRecord, storesText: string): string {
  if (envelope.formatVersion < 2) return storesText;
  const b64 = (u: Uint8Array | undefined) => (u ? toBase64(u) : '');
  const header = [
    envelope.format,
    envelope.formatVersion,
    envelope.schemaVersion,
    envelope.createdAt,
    envelope.installId,
    b64(keys.lookupKey.iv),
    b64(keys.lookupKey.data),
    keys.createdAt,
    keys.wrap
      ? [keys.wrap.kdf, keys.wrap.iterations, b64(keys.wrap.salt), b64(keys.wrap.iv), b64(keys.wrap.wrappedKey)]
      : null,
  ];
  return `${JSON.stringify(header)}\n${storesText}`;
}

interface ParsedBackup {
  readonly envelope: Envelope;
  readonly keys: KeysRecord;
  readonly digest: Sealed;
  readonly storesText: string;
  readonly stores: Partial<Record<StoreName, unknown[]>>;
}

function parseEnvelope(bytes: Uint8Array): ParsedBackup {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes), decode);
  } catch {
    throw new BackupRejectedError('foreign', strings.errors.backupForeign);
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new BackupRejectedError('foreign', strings.errors.backupForeign);
  if (envelope.data.formatVersion > BACKUP_FORMAT_VERSION || envelope.data.schemaVersion > SCHEMA_VERSION) {
    throw new BackupRejectedError('newer-version', strings.errors.backupNewer);
  }
  let stores: unknown;
  try {
    stores = JSON.parse((raw as { storesText: string }).storesText, decode);
  } catch {
    throw corrupt('unreadable');
  }
  const body = bodySchema.safeParse({ ...(raw as object), stores });
  if (!body.success) throw corrupt('incomplete');
  // Format 1 wrapped the key under the shared passphrase in the envelope; a later file claiming to be format 1
  // (to escape the envelope's digest) has no such wrap.
  if (envelope.data.formatVersion < 2 && !body.data.keys.wrap) throw corrupt('incomplete');
  for (const [name, schema] of Object.entries(rowSchemas)) {
    for (const row of body.data.stores[name] ?? []) {
      if (!schema.safeParse(row).success) throw corrupt('malformed');
    }
  }
  return {
    envelope: envelope.data,
    keys: body.data.keys,
    digest: body.data.digest,
    storesText: body.data.storesText,
    stores: body.data.stores,
  };
}
