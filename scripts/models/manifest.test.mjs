import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeFile, diffManifests, verifyModelDir } from './manifest.mjs';

describe('models manifest verification', () => {
  let dir;
  let manifest;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'counterpart-models-'));
    await writeFile(path.join(dir, 'a.bin'), Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
    await writeFile(path.join(dir, 'b.json'), '{"weights":[1,2,3]}');
    manifest = {
      version: 1,
      files: [
        await describeFile(dir, 'a.bin', 'pkg-a@1.0.0/a.bin'),
        await describeFile(dir, 'b.json', 'pkg-b@2.0.0/b.json'),
      ],
    };
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('accepts untouched files', async () => {
    expect(await verifyModelDir(dir, manifest)).toEqual([]);
  });

  it('detects a tampered file with the same size (sha256 mismatch)', async () => {
    await writeFile(path.join(dir, 'a.bin'), Buffer.from([1, 2, 3, 4, 5, 6, 7, 9]));
    const problems = await verifyModelDir(dir, manifest);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'a.bin', kind: 'corrupt' });
    expect(problems[0].detail).toMatch(/sha256/);
  });

  it('detects a truncated file by its size', async () => {
    await writeFile(path.join(dir, 'b.json'), '{"weights":[1,2');
    expect(await verifyModelDir(dir, manifest)).toEqual([expect.objectContaining({ file: 'b.json', kind: 'corrupt' })]);
  });

  it('detects a missing file and names its source package', async () => {
    await unlink(path.join(dir, 'b.json'));
    const problems = await verifyModelDir(dir, manifest);
    expect(problems).toEqual([expect.objectContaining({ file: 'b.json', kind: 'missing' })]);
    expect(problems[0].detail).toContain('pkg-b@2.0.0');
  });

  it('reports files that differ from the committed manifest', () => {
    const changed = { ...manifest, files: [{ ...manifest.files[0], sha256: '0'.repeat(64) }] };
    expect(diffManifests(manifest, changed)).toEqual([
      expect.stringContaining('a.bin: produced sha256'),
      expect.stringContaining('b.json: listed in the committed manifest but not produced'),
    ]);
  });
});

describe('the installed models', () => {
  it('match the committed manifest (npm install copied them from the pinned packages)', async () => {
    const modelsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/models');
    const committed = JSON.parse(await readFile(path.join(modelsDir, 'manifest.json'), 'utf8'));
    expect(committed.files.length).toBeGreaterThan(0);
    expect(await verifyModelDir(modelsDir, committed)).toEqual([]);
  });
});
