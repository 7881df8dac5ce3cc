#!/usr/bin/env node
// Builds our own open-set identification validation set (for choosing the recognition threshold and margin)
// from a folder of identities, leaving out every image of the scored set:
//   node scripts/harness/make-validation-openset.mjs --images DIR --exclude DIR --out DIR
// People with two or more images are enrolled (first half of their images, at most 5) and probed (the rest, at
// most 5); people with one image are the unknowns.
import { mkdir, readdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { parseFlags, requireFlag } from './run-in-browser.mjs';

const flags = parseFlags(process.argv.slice(2));
const usage = 'make-validation-openset --images DIR --exclude DIR --out DIR';
const images = requireFlag(flags, 'images', usage);
const exclude = requireFlag(flags, 'exclude', usage);
const out = requireFlag(flags, 'out', usage);

async function filesUnder(dir) {
  const names = new Set();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) names.add(entry.name);
  return names;
}

const excluded = await filesUnder(exclude);
await rm(out, { recursive: true, force: true });
const counts = { gallery: 0, probes: 0, unknowns: 0 };
const place = async (part, person, file) => {
  await mkdir(path.join(out, part, person), { recursive: true });
  await symlink(path.join(images, person, file), path.join(out, part, person, file));
  counts[part]++;
};
for (const person of (await readdir(images)).sort()) {
  const files = (await readdir(path.join(images, person))).filter((f) => !excluded.has(f)).sort();
  if (files.length === 1) await place('unknowns', person, files[0]);
  if (files.length < 2) continue;
  const half = Math.min(5, Math.ceil(files.length / 2));
  for (const f of files.slice(0, half)) await place('gallery', person, f);
  for (const f of files.slice(half, half + 5)) await place('probes', person, f);
}
console.log(
  `open-set validation: ${counts.gallery} gallery, ${counts.probes} probe and ${counts.unknowns} unknown images -> ${out}`,
);
