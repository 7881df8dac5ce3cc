// Broken and hostile backup files, by seeded mutation of a real export (truncation, flipped bytes, inserted and
// deleted runs, garbage): every one is refused with a BackupRejectedError naming a reason, and the store it was
// being imported into keeps exactly what it had.
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/random/prng';
import { exportBackup, importBackup } from './backup';
import { BackupRejectedError } from './errors';
import { openTestStore, profile, unitVector } from './test-support';

const PASS = 'shop passphrase 1';

function mutate(bytes: Uint8Array, rng: Rng): Uint8Array {
  const b = Array.from(bytes);
  switch (rng.nextInt(5)) {
    case 0:
      return Uint8Array.from(b.slice(0, rng.nextInt(b.length)));
    case 1: {
      for (let k = 0; k < 1 + rng.nextInt(8); k++) {
        const at = rng.nextInt(b.length);
        b[at] = ((b[at] ?? 0) ^ (1 << rng.nextInt(8))) & 0xff;
      }
      return Uint8Array.from(b);
    }
    case 2: {
      const at = rng.nextInt(b.length);
      b.splice(at, 1 + rng.nextInt(64));
      return Uint8Array.from(b);
    }
    case 3: {
      const at = rng.nextInt(b.length);
      b.splice(at, 0, ...Array.from({ length: 1 + rng.nextInt(64) }, () => rng.nextInt(256)));
      return Uint8Array.from(b);
    }
    default:
      return Uint8Array.from({ length: rng.nextInt(4096) }, () => rng.nextInt(256));
  }
}

describe('backup import, fuzzed', () => {
  it('refuses 60 damaged files with a reason and leaves the target store as it was', async () => {
    const source = await openTestStore();
    await source.vault.setUp(PASS);
    await source.members.addMember(profile('Margaret Hamilton', 'MH-9'), [
      { modelId: 'm@1', vector: unitVector(16, 3) },
    ]);
    const file = await exportBackup(source.database, source.vault);

    const target = await openTestStore();
    await target.vault.setUp(PASS);
    await target.members.addMember(profile('Grace Hopper', 'GH-1'), [{ modelId: 'm@1', vector: unitVector(16, 5) }]);
    const before = (await target.members.listMembers()).map((m) => m.displayName);

    const rng = new Rng(99);
    const reasons = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const damaged = mutate(file.bytes, rng);
      const err = await importBackup(target.database, target.vault, damaged, PASS).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, `mutant ${i} was accepted`).toBeInstanceOf(BackupRejectedError);
      reasons.add((err as BackupRejectedError).reason);
      expect((await target.members.listMembers()).map((m) => m.displayName)).toEqual(before);
    }
    expect([...reasons].every((r) => ['foreign', 'corrupt', 'newer-version', 'wrong-passphrase'].includes(r))).toBe(
      true,
    );
  });
});
