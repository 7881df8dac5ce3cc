// The watch-list: flags by member or by face, one alert per flagged person per track (with the sound if it is
// on), nothing while locked.
import { describe, expect, it } from 'vitest';
import { Observable } from '../../core/observable';
import type { Member } from '../../core/members/member';
import { policyForStrictness } from '../../core/recognition/strictness';
import type { CounterState, TrackView } from '../counter/counter-types';
import { SettingsService } from './settings-service';
import { PASS, unit, unlockedStore } from './test-support';
import { WatchlistService } from './watchlist-service';

function track(change: Partial<TrackView>): TrackView {
  return {
    id: 1,
    box: { x: 0, y: 0, width: 100, height: 100 },
    visible: true,
    kind: 'visitor',
    memberId: undefined,
    visitorId: 3,
    ageBand: undefined,
    gender: undefined,
    emotion: undefined,
    live: true,
    liveReason: 'ok',
    firstSeen: 0,
    identifiedAfterMs: undefined,
    ...change,
  };
}

async function watchlist(tracks: TrackView[] = [], embedding = unit(1, 0, 0, 0)) {
  const store = await unlockedStore();
  const settings = new SettingsService(store.settings);
  const sounds: string[] = [];
  const members = {
    members: new Observable<ReadonlyMap<string, Member>>(new Map([['m1', { displayName: 'Ada' } as Member]])),
    policy: policyForStrictness(0.5),
  };
  const counter = {
    state: new Observable({ tracks } as unknown as CounterState),
    embedding: () => embedding,
  };
  const service = new WatchlistService({
    ...store,
    store: store.watchlist,
    settings,
    members,
    counter,
    playAlertSound: () => sounds.push('beep'),
  });
  return { store, settings, sounds, service };
}

describe('WatchlistService', () => {
  it('flags a face in view and alerts once per track when it is seen again', async () => {
    const { service, sounds } = await watchlist([track({ id: 1 })]);
    await service.flagTrack(1, 'shoplifting');
    expect(service.entries.value.map((e) => e.reason)).toEqual(['shoplifting']);
    await service.check(track({ id: 5, visitorId: 9 }));
    await service.check(track({ id: 5, visitorId: 9 }));
    expect(service.alert.value).toMatchObject({ trackId: 5, label: '#9', reason: 'shoplifting' });
    expect(sounds).toEqual(['beep']);
    service.dismissAlert();
    expect(service.alert.value).toBeUndefined();
  });

  it('asks a second manager to confirm each new entry when the shop says so, and audits both', async () => {
    const { store, settings, service } = await watchlist([track({ id: 1 })]);
    await settings.save({ watchSecondManager: true });
    // The only other user is staff: nobody can confirm yet; neither the user's own passphrase.
    await store.vault.addUser(PASS, { name: 'Sam', role: 'staff', passphrase: 'sam passphrase' });
    await expect(service.flagTrack(1, 'abusive', PASS)).rejects.toThrow(/second manager/);
    await expect(service.flagTrack(1, 'abusive', 'sam passphrase')).rejects.toThrow(/second manager/);
    const lee = await store.vault.addUser(PASS, { name: 'Lee', role: 'manager', passphrase: 'lee passphrase' });
    await service.flagTrack(1, 'abusive', 'lee passphrase');
    expect(service.entries.value.map((e) => e.reason)).toEqual(['abusive']);
    const audit = await store.audit.list();
    expect(audit.filter((a) => a.action === 'second-manager.refused')).toHaveLength(2);
    expect(audit.find((a) => a.action === 'watchlist.confirmed')?.staff).toBe(lee);
  });

  it("keeps a non-member's face no longer than the face retention in Settings; a member's flag keeps its days", async () => {
    const { service, settings } = await watchlist([track({ id: 1 })]);
    const DAY = 86_400_000;
    expect(service.faceDays).toBe(7);
    await settings.save({ watchFaceDays: 3 });
    const before = Date.now();
    await service.flagTrack(1, 'abusive', undefined, 30);
    await service.flagMember('m1', 'shoplifting', 30);
    const byReason = new Map(service.entries.value.map((e) => [e.reason, e.expiresAt - before]));
    expect(byReason.get('abusive')).toBeLessThanOrEqual(3 * DAY + 1000);
    expect(byReason.get('shoplifting')).toBeGreaterThanOrEqual(30 * DAY);
    // Renewing the face asks for 30 days and gets the retention's 3.
    const face = service.entries.value.find((e) => e.reason === 'abusive');
    await service.renew(face?.id ?? '', 30);
    const renewed = service.entries.value.find((e) => e.reason === 'abusive');
    expect((renewed?.expiresAt ?? 0) - Date.now()).toBeLessThanOrEqual(3 * DAY);
  });

  it('flags a member by id, renews and removes the flag', async () => {
    const { service, settings, sounds } = await watchlist();
    await settings.save({ alertSound: false });
    await service.flagMember('m1', 'banned');
    await service.check(track({ id: 2, kind: 'member', memberId: 'm1' }));
    expect(service.alert.value).toMatchObject({ label: 'Ada', reason: 'banned' });
    expect(sounds).toEqual([]);
    const [entry] = service.entries.value;
    if (!entry) throw new Error('no entry');
    await service.renew(entry.id, 60);
    expect(service.entries.value[0]?.expiresAt).toBeGreaterThan(entry.expiresAt);
    await service.remove(entry.id);
    expect(service.entries.value).toEqual([]);
  });

  it('does not alert on a suspected photo, and holds nothing while locked', async () => {
    const { service, store } = await watchlist();
    await service.flagMember('m1', 'banned');
    await service.check(track({ kind: 'suspect', memberId: 'm1' }));
    expect(service.alert.value).toBeUndefined();
    store.vault.lock();
    service.clear();
    expect(service.entries.value).toEqual([]);
    await expect(service.flagMember('m1', 'again')).rejects.toThrow('Unlock Counterpart first.');
    await store.vault.unlock(PASS);
    await service.load();
    expect(service.entries.value).toHaveLength(1);
  });
});
