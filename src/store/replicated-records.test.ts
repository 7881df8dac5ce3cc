import { describe, expect, it } from 'vitest';
import { HOUR } from '../core/time/durations';
import { CHAIN_FIGURES_KIND, type IncomingRecord, type OutgoingRecord, type SyncSecrets } from '../shared/sync-api';
import { WrongPassphraseError } from './crypto';
import { ReplicatedRecords } from './replicated-records';
import { openTestStore, profile, unitVector } from './test-support';

const MODEL = 'm@1';
type TestStore = Awaited<ReturnType<typeof openTestStore>>;

async function tablet(passphrase = `passphrase of a tablet ${Math.random()}`): Promise<TestStore> {
  const store = await openTestStore();
  await store.vault.setUp(passphrase);
  store.database.captureChanges(true);
  return store;
}

/** Everything in the outbox, as the sync worker would get it (then the outbox is empty). */
async function drain(store: TestStore): Promise<OutgoingRecord[]> {
  const rows = await store.replication.pending(10_000);
  const out = (await Promise.all(rows.map((r) => store.replication.outgoing(r)))).flat();
  await store.replication.sent(rows);
  return out;
}

/** A tablet's sync secrets in shop `shop` (only the shop's name matters here). */
const secretsOf = (shop: string): SyncSecrets => ({
  connection: { server: 'http://127.0.0.1:5984', chain: 'acme', shop, username: 'u', password: 'p' },
  keyring: {},
  since: { chain: 0, shop: 0 },
});

/** What another tablet receives: the records as opened there (no member id: that only chose the key). */
const received = (records: readonly OutgoingRecord[]): IncomingRecord[] =>
  records.map((r) => ({ kind: r.kind, id: r.id, ended: r.ended === true, body: r.body }));

describe('replicated records', () => {
  it('carry a member, their capture and a sale linked to them to a tablet with its own keys', async () => {
    const [a, b] = [await tablet(), await tablet()];
    const vector = unitVector(8, 3);
    const ada = await a.members.addMember(profile('Ada Lovelace', 'L-31337'), [{ modelId: MODEL, vector }]);
    await a.purchases.recordCounterSale([{ code: 'HAT1', quantity: 1, price: 24.5 }], 'L-31337');
    const sent = (await drain(a)).filter((r) => r.kind !== 'audit');
    expect(sent.map((r) => r.kind).sort()).toEqual(['member', 'sale', 'template']);
    // The member's records travel under the member's key; the sale too, since it is linked to them.
    for (const r of sent) expect(r.memberId).toBe(ada.id);

    expect((await b.replication.apply(received(sent), [])).members).toBe(true);
    expect(await b.members.getMember(ada.id)).toMatchObject({ displayName: 'Ada Lovelace', loyaltyId: 'L-31337' });
    const [template] = await b.members.listTemplates(MODEL);
    expect(Array.from(template?.vector ?? [])).toEqual(Array.from(vector));
    // B's own lookup hash links the sale to the member's history there.
    expect((await b.purchases.ofCustomer('L-31337')).map((p) => p.items[0]?.code)).toEqual(['HAT1']);
    // Applied, not captured: nothing goes back out from B.
    expect(await b.replication.pendingCount()).toBe(0);
  });

  it('send a void as a record of its own naming the sale, which never changes; a sale read again stays voided', async () => {
    const [a, b] = [await tablet(), await tablet()];
    const sale = await a.purchases.recordCounterSale([{ code: 'HAT1', quantity: 1, price: 24.5 }]);
    const made = received((await drain(a)).filter((r) => r.kind === 'sale'));
    await b.replication.apply(made, []);
    await a.purchases.voidSale(sale.id);
    const voided = (await drain(a)).filter((r) => r.kind !== 'audit');
    // The sale as it was made, and its void beside it.
    expect(voided.map((r) => r.kind).sort()).toEqual(['sale', 'sale-void']);
    expect(voided.find((r) => r.kind === 'sale')?.body).toEqual(made[0]?.body);
    expect(voided.find((r) => r.kind === 'sale-void')).toMatchObject({
      id: sale.id,
      body: { voidedAt: expect.any(Number) as number },
    });
    const voidedOnB = async () => (await b.database.idb.get('purchases', sale.id))?.voidedAt;
    expect(await voidedOnB()).toBeUndefined();
    await b.replication.apply(received(voided), []);
    expect(await voidedOnB()).toBe((await a.database.idb.get('purchases', sale.id))?.voidedAt);
    // The sale read once more (a tablet sending everything when it joins): still voided.
    await b.replication.apply(made, []);
    expect(await voidedOnB()).toBeDefined();
    expect(await b.purchases.between(0, Date.now() + 1)).toEqual([]);
  });

  it('erases a member erased elsewhere, whatever else of theirs arrives with the erasure', async () => {
    const [a, b] = [await tablet(), await tablet()];
    const ada = await a.members.addMember(profile('Ada Lovelace', 'L-31337'), [
      { modelId: MODEL, vector: unitVector(8, 3) },
    ]);
    await a.purchases.recordCounterSale([{ code: 'HAT1', quantity: 1, price: 24.5 }], 'L-31337');
    const sent = received(await drain(a));
    await b.replication.apply(sent, []);
    // The member again (a pull that read it before the erasure) and the erasure, together.
    await b.replication.apply(
      sent.filter((r) => r.kind !== 'sale'),
      [ada.id],
    );
    expect(await b.members.getMember(ada.id)).toBeUndefined();
    expect(await b.members.listTemplates()).toEqual([]);
    // The sale stays in the shop's figures, tied to nobody.
    expect(await b.purchases.ofCustomer('L-31337')).toEqual([]);
    expect(await b.purchases.count()).toBe(1);
    expect((await b.audit.list()).map((e) => e.action)).toContain('member.erased-elsewhere');
  });

  it('send a member erasure as the end of the member, and nothing of them', async () => {
    const a = await tablet();
    const ada = await a.members.addMember(profile('Ada Lovelace'), [{ modelId: MODEL, vector: unitVector(8, 3) }]);
    await drain(a);
    await a.members.eraseMember(ada.id);
    const sent = await drain(a);
    expect(sent).toContainEqual({ scope: 'chain', kind: 'member', id: ada.id, memberId: ada.id, ended: true });
    expect(JSON.stringify(sent)).not.toContain('Ada');
  });

  it("keep each counter's figures beside the others', summed by Analytics, and never send another counter's", async () => {
    const [a, b] = [await tablet(), await tablet()];
    const start = Date.UTC(2026, 11, 3, 10, 15);
    const visit = { start, end: start + 120_000, visitorId: 1, ageBand: '25-34', gender: 'female' };
    await a.visits.record({ ...visit, zone: 'till-1' });
    await b.visits.record({ ...visit, zone: 'till-2' });
    const sent = (await drain(a)).filter((r) => r.kind !== 'visit');
    expect(sent.map((r) => r.kind).sort()).toEqual(['daily', 'hourly']);
    // Who was seen stays on the counter that saw them.
    expect(JSON.stringify(sent)).not.toContain('seen');
    await drain(b);
    await b.replication.apply(received(sent), []);
    const hour = Date.UTC(2026, 11, 3, 10);
    const rows = await b.visits.hourly(hour, hour + 3_600_000);
    expect(rows.map((r) => r.zone).sort()).toEqual(['till-1', 'till-2']);
    const day = await b.visits.daily(hour - 86_400_000, hour + 86_400_000);
    expect(day.reduce((n, d) => n + d.unique, 0)).toBe(2);
    // A's row says it is A's counter's; B's own says nothing.
    expect(day.map((d) => [d.zone, d.counter]).sort()).toEqual([
      ['till-1', await a.database.installId()],
      ['till-2', undefined],
    ]);
    // A change on B to A's row (B's retention purge walks every daily row) is not B's to send.
    const theirs = (await b.database.idb.getAll('daily')).find((d) => d.zone === 'till-1');
    await b.database.write(['daily'], async (tx) => {
      await tx.objectStore('daily').put({ ...(theirs as NonNullable<typeof theirs>), unique: 1 });
    });
    expect(await b.replication.pendingCount()).toBe(1);
    expect(await drain(b)).toEqual([]);
  });

  it("send a day of each counter's figures to the whole chain at most hourly and once finished; keep another shop's apart", async () => {
    const [a, docks] = [await tablet(), await tablet()];
    await a.replication.saveSecrets(secretsOf('high-street'));
    await docks.replication.saveSecrets(secretsOf('docks'));
    const at = (h: number, m = 0) => new Date(2026, 11, 3, h, m).getTime();
    /** The outbox drained, then the chain's days due at `now` sent; what went to the chain. */
    const sendAt = async (now: number) => {
      const out = (await drain(a)).filter((r) => r.kind === CHAIN_FIGURES_KIND);
      const due = await a.replication.chainDaysDue(now);
      await due.sent();
      return [...out, ...due.records];
    };
    await a.visits.record({ start: at(10, 15), end: at(10, 16), zone: 'till-1', visitorId: 1, gender: 'female' });
    await a.visits.record({ start: at(11, 15), end: at(11, 16), zone: 'till-1', visitorId: 2 });
    // Four hourly and daily rows changed; the day goes to the chain once, with both hours.
    const days = await sendAt(at(11, 20));
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ scope: 'chain', body: { shop: 'high-street', zone: 'till-1', unique: 2 } });
    expect((days[0]?.body as { hours: unknown[] }).hours).toHaveLength(2);
    // Counts only: who was seen, and the visits themselves, stay in the shop.
    expect(JSON.stringify(days)).not.toContain('seen');
    expect(JSON.stringify(days)).not.toContain('v1');
    // A third visit: not sent within the hour, sent after it; the finished day once more, an hour after midnight.
    await a.visits.record({ start: at(11, 40), end: at(11, 41), zone: 'till-1', visitorId: 3 });
    expect(await sendAt(at(11, 45))).toEqual([]);
    const later = await sendAt(at(12, 21));
    expect(later.map((r) => (r.body as { unique: number }).unique)).toEqual([3]);
    expect(await sendAt(at(23, 59) + 30 * 60_000)).toEqual([]);
    expect((await sendAt(at(23, 59) + 62 * 60_000)).map((r) => r.id)).toEqual([later[0]?.id]);
    expect(await sendAt(at(23, 59) + 3 * HOUR)).toEqual([]);
    // After a reload too (the finished day is remembered), until the tablet sends everything again (it rejoined).
    const reloaded = new ReplicatedRecords(a.database, a.vault, a.members, a.watchlist);
    expect((await reloaded.chainDaysDue(at(23, 59) + 3 * HOUR)).records).toEqual([]);
    await reloaded.queueEverything({ settings: false });
    expect((await reloaded.chainDaysDue(at(23, 59) + 3 * HOUR)).records.map((r) => r.id)).toEqual([later[0]?.id]);

    await docks.replication.apply(received(days), []);
    expect(await docks.chainFigures.shops()).toEqual(['high-street']);
    const day = new Date(2026, 11, 3).getTime();
    const theirs = await docks.chainFigures.between(day, day + 86_400_000, (s) => s === 'high-street');
    expect(theirs.daily).toEqual([{ day, zone: 'till-1', unique: 2, counter: await a.database.installId() }]);
    expect(theirs.hourly.reduce((n, h) => n + (h.counts.visits ?? 0), 0)).toBe(2);
    // Not the docks' own figures: its hourly and daily rows hold nothing of the high street.
    expect(await docks.visits.hourly(day, day + 86_400_000)).toEqual([]);
    // Leaving the chain forgets them.
    await docks.replication.forget();
    expect(await docks.chainFigures.shops()).toEqual([]);
  });

  it("carry a member's visit under the member's key and an anonymous one under its day's, without its number", async () => {
    const [a, b] = [await tablet(), await tablet()];
    const ada = await a.members.addMember(profile('Ada Lovelace'), [{ modelId: MODEL, vector: unitVector(8, 3) }]);
    const start = Date.UTC(2026, 11, 3, 10, 15);
    await a.visits.record({ start, end: start + 60_000, zone: 'till-1', memberId: ada.id });
    await a.visits.record({ start, end: start + 90_000, zone: 'till-1', visitorId: 7, ageBand: '25-34' });
    const sent = await drain(a);
    const visits = sent.filter((r) => r.kind === 'visit');
    expect(visits.find((r) => r.memberId)?.memberId).toBe(ada.id);
    const anonymous = visits.find((r) => !r.memberId);
    expect(anonymous?.day).toBe(Math.floor(start / 86_400_000));
    expect(JSON.stringify(anonymous?.body)).not.toContain('visitorId');

    await b.replication.apply(received(sent), []);
    const log = await b.database.idb.getAllFromIndex('visits', 'byMember', await b.vault.memberLookup(ada.id));
    expect(log.map((v) => v.end - v.start)).toEqual([60_000]);
    expect(await b.database.idb.count('visits')).toBe(2);
  });

  it('let a user added on one tablet unlock another with their own passphrase, and not once removed there', async () => {
    const [a, b] = [await tablet('manager of tablet A'), await tablet('manager of tablet B')];
    const samId = await a.vault.addUser('manager of tablet A', { name: 'Sam', role: 'staff', passphrase: 'sam at A' });
    const sent = await drain(a);
    const staff = sent.filter((r) => r.kind === 'staff');
    expect(staff.map((r) => r.id)).toEqual([samId]);
    // The key pair travels (its private half wrapped under Sam's passphrase), never a wrap of A's data key.
    expect(JSON.stringify(staff)).not.toContain('wrappedKey');
    expect(JSON.stringify(staff)).not.toContain('sam at A');

    expect((await b.replication.apply(received(sent), [])).staff).toBe(true);
    expect((await b.vault.listUsers()).map((u) => [u.name, u.role])).toContainEqual(['Sam', 'staff']);
    b.vault.lock();
    await b.vault.unlock('sam at A');
    expect(b.vault.actor).toEqual({ id: samId, role: 'staff' });
    b.vault.lock();
    await b.vault.unlock('manager of tablet B');
    // What Sam could take away from B before his removal: his row, with the unlock key sealed to him.
    const kept = await b.database.idb.get('staff', samId);

    await a.vault.removeUser(samId);
    expect((await drain(a)).filter((r) => r.kind === 'staff')).toEqual([
      { scope: 'shop', kind: 'staff', id: samId, ended: true },
    ]);
    a.vault.lock();
    await expect(a.vault.unlock('sam at A')).rejects.toBeInstanceOf(WrongPassphraseError);

    await b.replication.apply([{ kind: 'staff', id: samId, ended: true, body: undefined }], []);
    b.vault.lock();
    await expect(b.vault.unlock('sam at A')).rejects.toBeInstanceOf(WrongPassphraseError);
    // Even with his old row put back, the box opens an unlock key that B no longer uses.
    await b.database.idb.put('staff', kept as NonNullable<typeof kept>);
    await expect(b.vault.unlock('sam at A')).rejects.toBeInstanceOf(WrongPassphraseError);
    await b.vault.unlock('manager of tablet B');
    expect(b.vault.actor?.role).toBe('manager');
  });

  it('carry a changed passphrase: the old one stops opening the other tablet, the new one opens it', async () => {
    const [a, b] = [await tablet('manager of tablet A'), await tablet('manager of tablet B')];
    // Made on B first (so B also has a wrap of its own data key under the old passphrase), then changed on A.
    const samId = await b.vault.addUser('manager of tablet B', {
      name: 'Sam',
      role: 'staff',
      passphrase: 'old of sam',
    });
    await a.replication.apply(received(await drain(b)), []);
    a.vault.lock();
    await a.vault.unlock('old of sam');
    await a.vault.changePassphrase('old of sam', 'new of sam');
    await b.replication.apply(received(await drain(a)), []);
    b.vault.lock();
    await expect(b.vault.unlock('old of sam')).rejects.toBeInstanceOf(WrongPassphraseError);
    await b.vault.unlock('new of sam');
    expect(b.vault.actor).toEqual({ id: samId, role: 'staff' });
  });

  it("carry watch-list entries and their removal, and the audit log as each tablet's own rows", async () => {
    const [a, b] = [await tablet(), await tablet()];
    const ada = await a.members.addMember(profile('Ada Lovelace'), [{ modelId: MODEL, vector: unitVector(8, 3) }]);
    const now = Date.now();
    const member = await a.watchlist.add({ memberId: ada.id, reason: 'Shouted at Sam', expiresAt: now + 86_400_000 });
    const face = await a.watchlist.add({ embedding: unitVector(8, 5), reason: 'Took a scarf', expiresAt: now + 5000 });
    const sent = await drain(a);
    const watch = sent.filter((r) => r.kind === 'watch');
    expect(watch.find((r) => r.id === member.id)?.memberId).toBe(ada.id);
    expect(watch.find((r) => r.id === face.id)?.day).toBe(Math.floor(face.createdAt / 86_400_000));

    const applied = await b.replication.apply(received(sent), []);
    expect(applied.watchlist).toBe(true);
    const entries = await b.watchlist.list();
    expect(entries.map((e) => e.reason).sort()).toEqual(['Shouted at Sam', 'Took a scarf']);
    expect(entries.find((e) => e.id === member.id)?.memberId).toBe(ada.id);
    expect(Array.from(entries.find((e) => e.id === face.id)?.embedding ?? [])).toEqual(Array.from(unitVector(8, 5)));
    // B's own lookup hash links the entry to the member there.
    expect((await b.database.idb.get('watchlist', member.id))?.memberLookup).toBe(await b.vault.memberLookup(ada.id));
    // A's audit rows are on B beside B's own, by time; B's copies of them are not B's to send back.
    const actions = (await b.audit.list()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['member.enrolled', 'watchlist.flagged']));
    expect(await b.replication.pendingCount()).toBe(0);

    await a.watchlist.remove(face.id);
    await b.replication.apply(received(await drain(a)), []);
    expect((await b.watchlist.list()).map((e) => e.id)).toEqual([member.id]);
  });

  it("carry the shop's settings (retention and the like) but never one device's camera or zone", async () => {
    const [a, b] = [await tablet(), await tablet()];
    await a.settings.set('app.settings', { retentionHours: 72, zone: 'till-1', lockTimeoutMinutes: 5 });
    await b.settings.set('app.settings', { retentionHours: 24, zone: 'till-2', cameraDeviceId: 'cam-b' });
    const sent = (await drain(a)).filter((r) => r.kind === 'settings');
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent)).not.toContain('till-1');
    expect((await b.replication.apply(received(sent), [])).settings).toBe(true);
    expect(await b.settings.get('app.settings')).toMatchObject({
      retentionHours: 72,
      lockTimeoutMinutes: 5,
      zone: 'till-2',
      cameraDeviceId: 'cam-b',
    });
    // A tablet that joins a shop sends everything it has but its settings: it takes the shop's.
    await drain(b);
    await b.replication.queueEverything({ settings: false });
    expect((await drain(b)).filter((r) => r.kind === 'settings')).toEqual([]);
    await a.replication.queueEverything({ settings: true });
    expect((await drain(a)).filter((r) => r.kind === 'settings')).toHaveLength(1);
  });
});
