import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../core/settings/settings';
import { dumpAll, openTestStore, profile, unitVector } from './test-support';

const DAY = 86_400_000;
/** The face retention a shop has until it changes Settings › Privacy. */
const DEFAULT_FACE_RETENTION = DEFAULT_SETTINGS.watchFaceDays * DAY;

describe('WatchlistStore', () => {
  it('keeps entries sealed, lists those in force, audits without personal data, and expires them', async () => {
    let now = 1_000_000;
    const store = await openTestStore(undefined, () => now);
    await store.vault.setUp('a good passphrase');
    const watch = store.watchlist;
    const m = await store.members.addMember(profile('Flagged Member'), []);
    const a = await watch.add({ memberId: m.id, reason: 'Shoplifting on 3 Nov', expiresAt: now + 1000 });
    await watch.add({ embedding: unitVector(8, 3), reason: 'Abusive to staff', expiresAt: now + 5000 });
    const raw = await dumpAll(store);
    expect(raw).not.toContain('Shoplifting');
    expect(raw).not.toContain('Abusive');
    expect((await watch.list()).map((e) => e.reason).sort()).toEqual(['Abusive to staff', 'Shoplifting on 3 Nov']);
    expect((await store.audit.list()).filter((x) => x.action === 'watchlist.flagged')).toHaveLength(2);

    now += 2000;
    expect((await watch.list()).map((e) => e.reason)).toEqual(['Abusive to staff']);
    await watch.renew(a.id, now + 10_000);
    expect(await watch.list()).toHaveLength(2);
    now += 6000;
    expect(await watch.purgeExpired(DEFAULT_FACE_RETENTION)).toBe(1);
    expect((await watch.list()).map((e) => e.memberId)).toEqual([m.id]);
    // Erasing the member removes their entry too.
    await store.members.eraseMember(m.id);
    expect(await watch.list()).toEqual([]);
  });

  it('deletes the face of a non-member after the face retention, counted from the flag or the last renewal', async () => {
    let now = 1_000_000;
    const store = await openTestStore(undefined, () => now);
    await store.vault.setUp('a good passphrase');
    const watch = store.watchlist;
    const m = await store.members.addMember(profile('Flagged Member'), []);
    // Both flagged for 30 days; the face is not a member's.
    await watch.add({ memberId: m.id, reason: 'member', expiresAt: now + 30 * DAY });
    const face = await watch.add({
      embedding: unitVector(8, 3),
      reason: 'face',

      expiresAt: now + 30 * DAY,
    });
    now += 6 * DAY;
    expect(await watch.purgeExpired(7 * DAY, now)).toBe(0);
    // Renewed on day 6: kept until day 13.
    await watch.renew(face.id, now + 30 * DAY);
    now += 6 * DAY;
    expect(await watch.purgeExpired(7 * DAY, now)).toBe(0);
    now += 2 * DAY;
    expect(await watch.purgeExpired(7 * DAY, now)).toBe(1);
    expect((await watch.list()).map((e) => e.reason)).toEqual(['member']);
    // With the default retention (a week) a new face goes after 8 days too.
    await watch.add({ embedding: unitVector(8, 4), reason: 'face 2', expiresAt: now + 30 * DAY });
    now += 8 * DAY;
    expect(DEFAULT_SETTINGS.watchFaceDays).toBe(7);
    expect(await watch.purgeExpired(DEFAULT_FACE_RETENTION)).toBe(1);
    expect((await watch.list()).map((e) => e.reason)).toEqual(['member']);
  });

  it('needs a reason and someone to flag', async () => {
    const store = await openTestStore();
    await store.vault.setUp('a good passphrase');
    const watch = store.watchlist;
    await expect(watch.add({ memberId: 'x', reason: '  ', expiresAt: Date.now() + 1000 })).rejects.toThrow(/reason/);
    await expect(watch.add({ reason: 'r', expiresAt: Date.now() + 1000 })).rejects.toThrow(/Flag/);
  });
});
