// The README's "Field by field" table, checked against what the store really writes. A day of activity (staff
// users, a member, sales, visits, the watch-list, a failed unlock) goes through the repositories; then every field
// of every record in every store must be listed in the table, be what the table says (ciphertext, a keyed hash, a
// wrapped key) and, outside the encrypted fields, hold none of the personal data entered. After the retention
// window, the aggregates hold no per-person key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAIN_FIGURES_KIND } from '../shared/sync-api';
import { WrongPassphraseError } from './crypto';
import { SalesImportSession } from './purchases-store';
import type { StoreName } from './schema';
import { openTestStore, profile, unitVector } from './test-support';

type Kind = 'encrypted' | 'keyed hash' | 'wrapped key' | 'unlock key' | 'key pair' | 'sealed to user' | 'plain';

/** (store, field) -> kind, from the README's table. */
function readmeTable(): Map<string, Kind> {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const start = readme.indexOf('**Field by field.**');
  expect(start, 'the README has its "Field by field" table').toBeGreaterThan(0);
  const table = new Map<string, Kind>();
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (table.size && !line.startsWith('|')) break; // the end of the table
    const cells = line.split('|').map((c) => c.trim());
    const store = /^`(\w+)`$/.exec(cells[1] ?? '')?.[1];
    if (!store) continue;
    // Only the field names are in backticks; what follows in brackets explains them.
    const fields = [...(cells[2] ?? '').replace(/\([^)]*\)/g, '').matchAll(/`([\w.]+)`/g)].map((m) => m[1] ?? '');
    for (const field of fields) table.set(`${store}.${field}`, cells[3] as Kind);
  }
  return table;
}

const PASS = 'manager passphrase';
const SAM_PASS = 'sam staff passphrase';
const PERSONAL = [
  'Ada Lovelace',
  'L-7777',
  'Maria Manager',
  'Sam Staff',
  'Shouted at Sam',
  'Took a scarf',
  PASS,
  SAM_PASS,
];
const DAY = 86_400_000;
const HASH = /^[0-9a-f]{32}$/;

function isSealed(v: unknown): boolean {
  const s = v as { iv?: unknown; data?: unknown };
  return Object.keys(s).length === 2 && s.iv instanceof Uint8Array && s.data instanceof Uint8Array;
}

describe('what is stored, field by field (README)', () => {
  it('every field written in a day of activity is listed, kept as the table says, and personal only if encrypted', async () => {
    const table = readmeTable();
    let now = Date.UTC(2026, 10, 2, 10);
    const store = await openTestStore(undefined, () => now);
    const { vault, members, visits, purchases, watchlist } = store;
    // As in a shop that syncs: every change to a replicated record also leaves an outbox row.
    store.database.captureChanges(true);
    await vault.setUp(PASS, 'Maria Manager');
    await vault.addUser(PASS, { name: 'Sam Staff', role: 'staff', passphrase: SAM_PASS });
    const ada = await members.addMember(
      profile('Ada Lovelace', 'L-7777'),
      [{ modelId: 'm@1', vector: unitVector(8, 1) }],
      'photos',
    );
    // A duplicate enrolment, merged into Ada (its capture becomes a capture set of hers).
    const duplicate = await members.addMember(profile('A. Lovelace', 'L-8888'), [
      { modelId: 'm@1', vector: unitVector(8, 2) },
    ]);
    await members.mergeMembers(ada.id, duplicate.id);
    await store.settings.set('app.settings', { zone: 'Front door', retentionHours: 24 });
    await store.products.put([{ code: 'A1', name: 'Scarf', category: 'Accessories', price: 10 }]);
    await purchases.saveBaskets(new SalesImportSession('imp-1', 'sales.csv'), [
      { invoice: 'I1', at: now - DAY, customer: 'L-7777', items: [{ code: 'A1', quantity: 1, price: 10 }] },
    ]);
    await store.imports.record({ id: 'sha-1', name: 'sales.csv', at: now, accepted: 1, rejected: 0 });
    const sale = await purchases.recordCounterSale(
      [{ code: 'A1', quantity: 2, price: 10 }],
      'L-7777',
      undefined,
      'R-1',
    );
    await purchases.voidSale(sale.id);
    await purchases.recordCounterSale([{ code: 'A1', quantity: 1, price: 10 }], undefined, '30-39|female');
    await visits.record({
      start: now,
      end: now + 60_000,
      zone: 'Front door',
      memberId: ada.id,
      ageBand: '30-39',
      gender: 'female',
      emotion: { happy: 1 },
      live: true,
    });
    await visits.record({
      start: now,
      end: now + 30_000,
      zone: 'Front door',
      visitorId: 1,
      ageBand: '40-49',
      gender: 'male',
      live: true,
    });
    await visits.saveAnonymousVisitor({ id: 1, firstSeen: now, lastSeen: now + 30_000, embedding: unitVector(8, 3) });
    await visits.recordCameraOff([now - 3_600_000, now - 1_800_000], 'Front door');
    const flag = await watchlist.add({ memberId: ada.id, reason: 'Shouted at Sam', expiresAt: now + 30 * DAY });
    await watchlist.add({ embedding: unitVector(8, 4), reason: 'Took a scarf', expiresAt: now + 5 * DAY });
    await watchlist.renew(flag.id, now + 40 * DAY);
    // Another shop's day of figures, as a shop that syncs keeps it for the chain's Analytics.
    await store.replication.apply(
      [
        {
          kind: CHAIN_FIGURES_KIND,
          id: `${now}|Counter|till-9`,
          ended: false,
          body: { shop: 'docks', day: now, zone: 'Counter', unique: 1, hours: [{ hour: now, counts: { visits: 1 } }] },
        },
      ],
      [],
    );
    vault.lock();
    await expect(vault.unlock('not a passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    now += 1000;
    await vault.unlock(SAM_PASS);

    const checked = new Set<string>();
    const check = (storeName: string, field: string, value: unknown) => {
      const key = `${storeName}.${field}`;
      const kind = table.get(key);
      expect(kind, `${key} is in the README's table`).toBeDefined();
      checked.add(key);
      if (kind === 'encrypted') {
        // meta.keys is a record whose personal part is sealed: the lookup-hash key.
        const sealed = storeName === 'meta' ? (value as { lookupKey: unknown }).lookupKey : value;
        expect(isSealed(sealed), `${key} is ciphertext`).toBe(true);
        if (storeName === 'meta') expect(value).not.toHaveProperty('wrap');
        return;
      }
      if (kind === 'wrapped key') {
        expect(value).toMatchObject({ kdf: 'PBKDF2-SHA-256', wrappedKey: expect.any(Uint8Array) as Uint8Array });
        return;
      }
      if (kind === 'unlock key') {
        expect(value).toMatchObject({
          iv: expect.any(Uint8Array) as Uint8Array,
          wrappedKey: expect.any(Uint8Array) as Uint8Array,
        });
        expect(isSealed((value as { sealed: unknown }).sealed), `${key}'s unlock key is ciphertext`).toBe(true);
        return;
      }
      if (kind === 'key pair') {
        const pair = value as { publicKey: JsonWebKey; privateWrap: { wrapped: unknown } };
        expect(Object.keys(pair).sort()).toEqual(['privateWrap', 'publicKey']);
        // The public half only: no private component (`d`) in the clear.
        expect(pair.publicKey).toMatchObject({ kty: 'EC', crv: 'P-256' });
        expect(pair.publicKey).not.toHaveProperty('d');
        expect(pair.privateWrap.wrapped).toBeInstanceOf(Uint8Array);
        return;
      }
      if (kind === 'sealed to user') {
        expect(value).toMatchObject({
          epk: { kty: 'EC' },
          iv: expect.any(Uint8Array) as Uint8Array,
          ct: expect.any(Uint8Array) as Uint8Array,
        });
        return;
      }
      if (kind === 'keyed hash') {
        // daily.seen lists who was seen: members by keyed hash, anonymous visitors by their day number.
        for (const h of Array.isArray(value) ? value : [value]) expect(String(h), key).toMatch(/^([0-9a-f]{32}|v\d+)$/);
        if (!Array.isArray(value)) expect(String(value)).toMatch(HASH);
      }
      const text = JSON.stringify(value);
      for (const p of PERSONAL) expect(text, `${key} holds no personal data`).not.toContain(p);
    };

    for (const name of Array.from<StoreName>(store.database.idb.objectStoreNames)) {
      if (name === 'meta' || name === 'settings') {
        for (const key of await store.database.idb.getAllKeys(name))
          check(name, key, await store.database.idb.get(name, key));
        continue;
      }
      for (const row of (await store.database.idb.getAll(name)) as object[])
        for (const [field, value] of Object.entries(row)) check(name, field, value);
    }
    // The activity reached every kind of record the table names (apart from trained item vectors).
    const storesListed = new Set([...table.keys()].map((k) => k.split('.')[0]));
    const storesChecked = new Set([...checked].map((k) => k.split('.')[0]));
    expect([...storesListed].filter((s) => !storesChecked.has(s))).toEqual(['itemModels']);

    // Past the retention window the aggregates say how many, never who.
    now += 3 * DAY;
    await visits.purge(now, DAY);
    expect((await store.database.idb.getAll('daily')).every((d) => d.seen === undefined)).toBe(true);
    expect(await store.database.idb.count('anonVisitors')).toBe(0);
    expect((await store.database.idb.getAll('visits')).every((v) => v.memberLookup !== undefined)).toBe(true);
  });
});
