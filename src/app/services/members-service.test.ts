// Members: enrolment builds the gallery, erasure empties it, locking forgets everyone, strictness sets the policy,
// and a backup moves the members to another store.
import { describe, expect, it } from 'vitest';
import { policyForStrictness } from '../../core/recognition/strictness';
import { openTestStore, profile } from '../../store/test-support';
import { MembersService } from './members-service';
import { SettingsService } from './settings-service';
import { PASS, readyEngine, unit, unlockedStore } from './test-support';

async function members() {
  const store = await unlockedStore();
  const settings = new SettingsService(store.settings);
  const service = new MembersService({ ...store, store: store.members, engine: readyEngine(), settings });
  return { store, settings, service };
}

describe('MembersService', () => {
  it('enrols a member and recognises them in the gallery; erasing forgets them', async () => {
    const { service } = await members();
    const ada = await service.enrol(profile('Ada'), [unit(1, 0, 0, 0), unit(1, 0.05, 0, 0)], 'camera');
    expect([...service.members.value.values()].map((m) => m.displayName)).toEqual(['Ada']);
    expect(service.gallery?.identify(unit(1, 0.02, 0, 0), service.policy).memberId).toBe(ada.id);
    await service.erase(ada.id);
    expect(service.members.value.size).toBe(0);
    expect(service.gallery?.identify(unit(1, 0.02, 0, 0), service.policy).memberId).toBeUndefined();
  });

  it('needs a started engine and at least one capture', async () => {
    const store = await unlockedStore();
    const settings = new SettingsService(store.settings);
    const engine = { ...readyEngine(), embeddingModel: undefined };
    const cold = new MembersService({ ...store, store: store.members, engine, settings });
    await expect(cold.enrol(profile('Ada'), [unit(1, 0, 0, 0)], 'camera')).rejects.toThrow(/not ready/);
    const { service } = await members();
    await expect(service.enrol(profile('Ada'), [], 'photos')).rejects.toThrow(/No usable face/);
  });

  it('forgets everyone when locked, and loads nothing while locked', async () => {
    const { store, service } = await members();
    await service.enrol(profile('Ada'), [unit(1, 0, 0, 0)], 'photos');
    store.vault.lock();
    service.clear();
    await service.refresh();
    expect(service.members.value.size).toBe(0);
    expect(service.gallery).toBeUndefined();
    await store.vault.unlock(PASS);
    await service.refresh();
    expect(service.members.value.size).toBe(1);
  });

  it('follows the strictness setting', async () => {
    const { settings, service } = await members();
    await settings.save({ strictness: 0.9 });
    expect(service.policy).toEqual(policyForStrictness(0.9));
  });

  it('moves members to another device with an encrypted backup (which locks it)', async () => {
    const { service } = await members();
    await service.enrol(profile('Ada'), [unit(1, 0, 0, 0)], 'camera');
    const file = await service.exportBackup();

    const target = await openTestStore();
    const settings = new SettingsService(target.settings);
    const restored = new MembersService({ ...target, store: target.members, engine: readyEngine(), settings });
    const summary = await restored.importBackup(file.bytes, PASS);
    expect(summary.members).toBe(1);
    expect(target.vault.isUnlocked).toBe(false);
    await target.vault.unlock(PASS);
    await restored.refresh();
    expect([...restored.members.value.values()].map((m) => m.displayName)).toEqual(['Ada']);
  });
});
