// The lock session over a real (fake-indexeddb) store: the states the shell shows, and the steps the other
// services take, in order, at each of them.
import { describe, expect, it } from 'vitest';
import { WrongPassphraseError } from '../../store/errors';
import { openDatabase } from '../../store/open-database';
import { DB_NAME, MIGRATIONS, SCHEMA_VERSION } from '../../store/schema';
import { createStore } from '../../store/store';
import { FAST_ITERATIONS, freshFactory } from '../../store/test-support';
import { type IdleTimer, LockSession } from './lock-session';

const PASS = 'a good passphrase';

function session(factory = freshFactory()) {
  const store = createStore({ indexedDB: factory, iterations: FAST_ITERATIONS });
  const steps: string[] = [];
  const idle: IdleTimer & { running: boolean; fire?: () => void } = {
    timeoutMs: 0,
    running: false,
    start() {
      this.running = true;
    },
    stop() {
      this.running = false;
    },
  };
  const lock = new LockSession(
    store.database,
    store.vault,
    {
      opened: () => Promise.resolve(void steps.push('opened')),
      unlocked: () => Promise.resolve(void steps.push('unlocked')),
      beforeLock: () => Promise.resolve(void steps.push(`before lock (unlocked: ${store.vault.isUnlocked})`)),
      locked: () => void steps.push('locked'),
    },
    (onIdle) => {
      idle.fire = onIdle;
      return idle;
    },
  );
  return { store, lock, steps, idle };
}

describe('LockSession', () => {
  it('opens storage, asks for a passphrase first, then unlocks and locks in order', async () => {
    const { lock, steps, idle } = session();
    expect(lock.state.value.state).toBe('opening');
    await lock.start();
    expect(lock.state.value.state).toBe('setup-needed');
    await lock.setUp(PASS);
    expect(lock.state.value.state).toBe('unlocked');
    expect(idle.running).toBe(true);
    await lock.lock();
    expect(lock.state.value.state).toBe('locked');
    expect(idle.running).toBe(false);
    expect(steps).toEqual(['opened', 'unlocked', 'before lock (unlocked: true)', 'locked']);
  });

  it('locks when idle, and unlocks again only with the right passphrase', async () => {
    const factory = freshFactory();
    const first = session(factory);
    await first.lock.start();
    await first.lock.setUp(PASS);
    first.store.database.close();

    const { lock, idle, steps } = session(factory);
    await lock.start();
    expect(lock.state.value.state).toBe('locked');
    await expect(lock.unlock('not the passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(lock.state.value.state).toBe('locked');
    await lock.unlock(PASS);
    lock.idleTimeoutMs = 60_000;
    expect(idle.timeoutMs).toBe(60_000);
    idle.fire?.();
    await new Promise((r) => setTimeout(r, 0));
    expect(lock.state.value.state).toBe('locked');
    expect(steps).toEqual(['opened', 'unlocked', 'before lock (unlocked: true)', 'locked']);
  });

  it('shows storage as unavailable, with a reload, when another tab blocks the upgrade', async () => {
    const factory = freshFactory();
    const oldTab = await openDatabase(factory, DB_NAME, 1, { upgrade: (d, _o, _n, tx) => MIGRATIONS[1]?.(d, tx) });
    const { lock, steps } = session(factory);
    await lock.start();
    expect(lock.state.value).toMatchObject({ state: 'unavailable', reload: true });
    expect(steps).toEqual([]);
    oldTab.close();
  });

  it('locks, then says to reload, when a newer version takes the data over in another tab', async () => {
    const factory = freshFactory();
    const { lock, steps } = session(factory);
    await lock.start();
    await lock.setUp(PASS);
    const seen: string[] = [];
    lock.state.subscribe((s) => seen.push(s.state));
    const newer = await openDatabase(factory, DB_NAME, SCHEMA_VERSION + 1, { upgrade: () => undefined });
    newer.close();
    expect(seen).toEqual(['locked', 'unavailable']);
    expect(lock.state.value).toMatchObject({ state: 'unavailable', reload: true });
    expect(steps.at(-1)).toBe('locked');
  });
});
