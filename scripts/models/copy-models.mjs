#!/usr/bin/env node
// Places the model and wasm files the app uses into public/models/ and checks them against the committed
// manifest (public/models/manifest.json: file, source package@version, bytes, sha256).
//
//   node scripts/models/copy-models.mjs           copy from node_modules, derive, verify against the manifest
//   node scripts/models/copy-models.mjs --update  same, but (re)write the manifest (after bumping a version)
//   node scripts/models/copy-models.mjs --check   verify what is in public/models/ without copying
//
// Run by `npm install` (postinstall) and by `npm run build`. Exits non-zero naming each missing or corrupt file.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_FILES } from './model-files.mjs';
import { DERIVED_FILES } from './derived-files.mjs';
import { MANIFEST_VERSION, describeFile, diffManifests, verifyModelDir } from './manifest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const modelsDir = path.join(root, 'public/models');
const manifestPath = path.join(modelsDir, 'manifest.json');

function packageDir(pkg) {
  // Not require.resolve: several of these packages have "exports" maps that hide their data files.
  return path.join(root, 'node_modules', pkg);
}

async function packageVersion(pkg) {
  const json = JSON.parse(await readFile(path.join(packageDir(pkg), 'package.json'), 'utf8'));
  return json.version;
}

async function copyAll() {
  const entries = [];
  for (const { pkg, from, to, buildOnly } of MODEL_FILES) {
    const src = path.join(packageDir(pkg), from);
    const dest = path.join(modelsDir, to);
    await mkdir(path.dirname(dest), { recursive: true });
    await copyFile(src, dest);
    const entry = await describeFile(modelsDir, to, `${pkg}@${await packageVersion(pkg)}/${from}`);
    entries.push(buildOnly ? { ...entry, buildOnly: true } : entry);
  }
  for (const { from, to, derive, how } of DERIVED_FILES) {
    const input = await readFile(path.join(modelsDir, from));
    const dest = path.join(modelsDir, to);
    await mkdir(path.dirname(dest), { recursive: true });
    await writeFile(dest, await derive(input));
    entries.push(await describeFile(modelsDir, to, `derived from ${from} by ${how}`));
  }
  return { version: MANIFEST_VERSION, files: entries };
}

async function readManifest() {
  try {
    return JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (err) {
    if (err && err.code === 'ENOENT') return undefined;
    throw new Error(`public/models/manifest.json is unreadable: ${err.message}`, { cause: err });
  }
}

function fail(lines) {
  for (const line of lines) console.error(`models: ${line}`);
  process.exit(1);
}

async function main() {
  const mode = process.argv[2] ?? '';
  const committed = await readManifest();

  if (mode === '--check') {
    if (!committed) fail(['public/models/manifest.json is missing; run `npm run models`']);
    const problems = await verifyModelDir(modelsDir, committed);
    if (problems.length) fail([...problems.map((p) => p.detail), 'run `npm run models` to restore the files']);
    console.log(`models: ${committed.files.length} files verified against the manifest`);
    return;
  }

  const produced = await copyAll();
  if (mode === '--update' || !committed) {
    await writeFile(manifestPath, `${JSON.stringify(produced, null, 2)}\n`);
    console.log(`models: wrote manifest with ${produced.files.length} files`);
    return;
  }
  // The committed manifest is the source of truth: a package that now ships different bytes under the same
  // pinned version is a supply-chain problem, not something to paper over by rewriting the hashes.
  const differences = diffManifests(committed, produced);
  if (differences.length) fail([...differences, 'if this change is intended, run `npm run models -- --update`']);
  console.log(`models: ${produced.files.length} files copied and verified`);
}

main().catch((err) => fail([err instanceof Error ? err.message : String(err)]));
