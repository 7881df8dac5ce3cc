// Reading, writing and verifying public/models/manifest.json. Shared by the install step and its tests.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_VERSION = 1;

export async function sha256OfFile(file) {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** One manifest entry for a file already placed under `dir`. */
export async function describeFile(dir, relPath, source) {
  const abs = path.join(dir, relPath);
  const { size } = await stat(abs);
  return { file: relPath, source, bytes: size, sha256: await sha256OfFile(abs) };
}

/**
 * Checks every file the manifest lists. Returns the problems found, one per file, so a caller can say exactly
 * which file is missing or corrupt rather than "models failed".
 */
export async function verifyModelDir(dir, manifest) {
  const problems = [];
  for (const entry of manifest.files) {
    const abs = path.join(dir, entry.file);
    let info;
    try {
      info = await stat(abs);
    } catch {
      problems.push({
        file: entry.file,
        kind: 'missing',
        detail: `${entry.file} is missing (expected from ${entry.source})`,
      });
      continue;
    }
    if (info.size !== entry.bytes) {
      problems.push({
        file: entry.file,
        kind: 'corrupt',
        detail: `${entry.file} has ${info.size} bytes, expected ${entry.bytes}`,
      });
      continue;
    }
    const digest = await sha256OfFile(abs);
    if (digest !== entry.sha256) {
      problems.push({
        file: entry.file,
        kind: 'corrupt',
        detail: `${entry.file} sha256 ${digest} does not match ${entry.sha256}`,
      });
    }
  }
  return problems;
}

/** Entries that differ between two manifests (same file name, other bytes or hash; or present in one only). */
export function diffManifests(expected, actual) {
  const byName = new Map(actual.files.map((f) => [f.file, f]));
  const out = [];
  for (const e of expected.files) {
    const a = byName.get(e.file);
    if (!a) out.push(`${e.file}: listed in the committed manifest but not produced`);
    else if (a.sha256 !== e.sha256 || a.bytes !== e.bytes)
      out.push(`${e.file}: produced sha256 ${a.sha256}, committed ${e.sha256}`);
    byName.delete(e.file);
  }
  for (const a of byName.values()) out.push(`${a.file}: produced but not in the committed manifest`);
  return out;
}
