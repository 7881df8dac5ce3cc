// Members and templates: only ever stored sealed, written all or nothing, erased without trace.
import { describe, expect, it } from 'vitest';
import { StoreError, StoreFullError } from './errors';
import { dumpAll, fillDiskAt, openTestStore, profile, unitVector } from './test-support';

const MODEL = 'test-model@1';

describe('members', () => {
  it('stores names, loyalty ids and templates only encrypted', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const vector = unitVector(16, 3);
    await store.members.addMember(profile('Zebulon Quartermain', 'LOYAL-777'), [{ modelId: MODEL, vector }]);
    const raw = await dumpAll(store);
    expect(raw).not.toContain('Zebulon');
    expect(raw).not.toContain('LOYAL-777');
    expect(raw).not.toContain(JSON.stringify(Array.from(new Uint8Array(vector.buffer)).slice(0, 12)).slice(1, -1));
    const [t] = await store.members.listTemplates(MODEL);
    expect(Array.from(t?.vector ?? [])).toEqual(Array.from(vector));
    expect((await store.members.findMemberByLoyaltyId('LOYAL-777'))?.displayName).toBe('Zebulon Quartermain');
  });

  it('records whether a member was enrolled at the camera or from photo files, across profile changes', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const atCamera = await store.members.addMember(profile('Cam', 'L-C'), [], 'camera');
    const fromPhotos = await store.members.addMember(profile('Pho', 'L-P'), [], 'photos');
    expect(atCamera.enrolledFrom).toBe('camera');
    await store.members.updateMemberProfile(atCamera.id, { displayName: 'Cam Renamed' });
    expect(await store.members.getMember(atCamera.id)).toMatchObject({
      displayName: 'Cam Renamed',
      enrolledFrom: 'camera',
    });
    expect(Object.fromEntries((await store.members.listMembers()).map((m) => [m.displayName, m.enrolledFrom]))).toEqual(
      {
        'Cam Renamed': 'camera',
        Pho: 'photos',
      },
    );
    expect(await store.database.idb.get('members', fromPhotos.id)).toMatchObject({ enrolledFrom: 'photos' });
  });

  it('writes nothing when part of an enrolment fails', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    await store.members.addMember(profile('First', 'L-1'), []);
    await expect(
      store.members.addMember(profile('Second', 'L-1'), [{ modelId: MODEL, vector: unitVector(8, 1) }]),
    ).rejects.toBeInstanceOf(StoreError);
    expect((await store.members.listMembers()).map((m) => m.displayName)).toEqual(['First']);
    expect(await store.database.idb.count('templates')).toBe(0);
  });

  it('reports a full disk and leaves no half-written member', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const restore = fillDiskAt('add', 'templates', 2);
    try {
      await expect(
        store.members.addMember(profile('Full Disk'), [
          { modelId: MODEL, vector: unitVector(8, 1) },
          { modelId: MODEL, vector: unitVector(8, 2) },
        ]),
      ).rejects.toBeInstanceOf(StoreFullError);
    } finally {
      restore();
    }
    expect(await store.database.idb.count('members')).toBe(0);
    expect(await store.database.idb.count('templates')).toBe(0);
  });

  it('needs a consent record', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const p = profile('No Consent');
    await expect(store.members.addMember({ ...p, consent: { ...p.consent, scopes: [] } }, [])).rejects.toThrow(
      /consent/,
    );
  });

  it('flags members whose templates come from another model', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const old = await store.members.addMember(profile('Old'), [{ modelId: 'old-model@1', vector: unitVector(8, 1) }]);
    await store.members.addMember(profile('New'), [{ modelId: MODEL, vector: unitVector(8, 2) }]);
    expect(await store.members.membersNeedingReenrolment(MODEL)).toEqual([old.id]);
    expect(await store.members.listTemplates(MODEL)).toHaveLength(1);
  });

  it('erasing a member leaves no trace of them in any store', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const keep = await store.members.addMember(profile('Keeper', 'K-1'), [
      { modelId: MODEL, vector: unitVector(8, 9) },
    ]);
    const gone = await store.members.addMember(profile('Vanessa Erasable', 'V-42'), [
      { modelId: MODEL, vector: unitVector(8, 4) },
      { modelId: MODEL, vector: unitVector(8, 5) },
    ]);
    const lookup = await store.vault.customerLookup('V-42');
    const reason = await store.vault.sealValue({ reason: 'x' }, 'watchlist/w1');
    const memberLookup = await store.vault.memberLookup(gone.id);
    await store.database.write(['purchases', 'visits', 'watchlist'], async (tx) => {
      await tx.objectStore('purchases').put({
        id: 'p1',
        invoice: 'INV1',
        at: 1,
        items: [{ code: 'A', quantity: 1, price: 2 }],
        customerLookup: lookup,
        source: 'test',
      });
      await tx.objectStore('visits').put({ id: 'v1', start: 1, end: 2, zone: 'door', memberLookup });
      await tx.objectStore('watchlist').put({ id: 'w1', createdAt: 1, expiresAt: 2, memberLookup, sealed: reason });
    });
    await store.members.eraseMember(gone.id);

    const raw = await dumpAll(store);
    expect(raw).not.toContain(gone.id);
    expect(raw).not.toContain(lookup);
    expect(raw).not.toContain(memberLookup);
    // Decrypt everything that is left: nothing of the erased member remains inside sealed data either.
    const remaining = await store.members.listMembers();
    expect(remaining.map((m) => m.id)).toEqual([keep.id]);
    expect(JSON.stringify(remaining)).not.toContain('Vanessa');
    expect((await store.members.listTemplates()).every((t) => t.memberId === keep.id)).toBe(true);
    // The sale stays for the shop's figures, unlinked.
    expect(await store.database.idb.get('purchases', 'p1')).toMatchObject({ invoice: 'INV1' });
    expect((await store.database.idb.get('purchases', 'p1'))?.customerLookup).toBeUndefined();
    const erasure = (await store.audit.list()).find((a) => a.action === 'member.erased');
    expect(erasure).toEqual({
      id: expect.any(Number) as number,
      at: expect.any(Number) as number,
      action: 'member.erased',
      // Who did it, by their random staff id, never by name.
      staff: store.vault.actor?.id,
    });
    expect(erasure?.staff).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('"Not this person": the correction is audited; a wrong capture can be removed, but never the last one', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const m = await store.members.addMember(profile('Ann'), [
      { modelId: MODEL, vector: unitVector(8, 1) },
      { modelId: MODEL, vector: unitVector(8, 2) },
    ]);
    await store.members.logWrongName(m.id);
    const [first, second] = (await store.members.listTemplates(MODEL)).map((t) => t.id);
    await store.members.removeTemplate(first ?? '');
    expect((await store.members.listTemplates(MODEL)).map((t) => t.id)).toEqual([second]);
    await expect(store.members.removeTemplate(second ?? '')).rejects.toThrow(/only face capture/);
    await expect(store.members.removeTemplate(first ?? '')).rejects.toThrow(/no longer exists/);
    const actions = (await store.audit.list()).map((a) => [a.action, a.subject]);
    expect(actions).toContainEqual(['visit.wrong-name', m.id]);
    expect(actions).toContainEqual(['member.capture-removed', m.id]);
  });

  it('merges a duplicate: captures, visits, watch-list entries and purchases move to the kept member', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const keep = await store.members.addMember(profile('Ada Lovelace', 'L-1'), [
      { modelId: MODEL, vector: unitVector(8, 1) },
    ]);
    const dup = await store.members.addMember(profile('Ada L.', 'L-2'), [{ modelId: MODEL, vector: unitVector(8, 2) }]);
    const dupLookup = await store.vault.memberLookup(dup.id);
    const keepLookup = await store.vault.memberLookup(keep.id);
    const dupLoyalty = await store.vault.customerLookup('L-2');
    await store.database.write(['visits', 'purchases'], async (tx) => {
      await tx
        .objectStore('visits')
        .put({ id: 'v1', start: 1, end: 2, zone: 'door', memberLookup: dupLookup, memberStart: 1 });
      await tx.objectStore('purchases').put({
        id: 'p1',
        invoice: 'I1',
        at: 3,
        items: [{ code: 'A', quantity: 1, price: 2 }],
        customerLookup: dupLoyalty,
        memberAt: 3,
        source: 'test',
      });
    });
    const entry = await store.watchlist.add({ memberId: dup.id, reason: 'test', expiresAt: Date.now() + 60_000 });

    const before = new Map((await store.members.listTemplates(MODEL)).map((t) => [t.memberId, t.id]));
    const kept = await store.members.mergeMembers(keep.id, dup.id);
    expect(kept).toMatchObject({ id: keep.id, displayName: 'Ada Lovelace', loyaltyId: 'L-1' });
    expect((await store.members.listMembers()).map((m) => m.id)).toEqual([keep.id]);
    const merged = await store.members.listTemplates(MODEL);
    expect(merged.map((t) => t.memberId)).toEqual([keep.id, keep.id]);
    // The kept member's own capture has no set; the merged record's is one new set, not named after its old id.
    const ownSet = merged.find((t) => t.id === before.get(keep.id))?.captureSet;
    const dupSet = merged.find((t) => t.id === before.get(dup.id))?.captureSet;
    expect(ownSet).toBeUndefined();
    expect(dupSet).toMatch(/^[0-9a-f-]{36}$/);
    expect(dupSet).not.toBe(dup.id);
    expect(await store.database.idb.get('visits', 'v1')).toMatchObject({ memberLookup: keepLookup });
    expect((await store.purchases.ofCustomer('L-1')).map((p) => p.id)).toEqual(['p1']);
    expect((await store.watchlist.list()).find((e) => e.id === entry.id)?.memberId).toBe(keep.id);
    const audit = await store.audit.list();
    expect(audit.some((a) => a.subject === dup.id)).toBe(false);
    expect(audit.at(-1)).toMatchObject({ action: 'member.merged', subject: keep.id });
    await expect(store.members.mergeMembers(keep.id, keep.id)).rejects.toThrow(/two different members/);

    // Merged again into a third record: both of Ada's sets keep apart from the third's own captures.
    const third = await store.members.addMember(profile('A. Lovelace', 'L-3'), [
      { modelId: MODEL, vector: unitVector(8, 3) },
    ]);
    await store.members.mergeMembers(third.id, keep.id);
    const sets = (await store.members.listTemplates(MODEL)).map((t) => t.captureSet);
    expect(new Set(sets).size).toBe(3);
    expect(sets).toContain(dupSet);
    expect(sets).toContain(undefined);
  });
});
