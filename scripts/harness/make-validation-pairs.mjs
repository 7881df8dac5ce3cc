#!/usr/bin/env node
// Builds our own verification validation set, for choosing thresholds and crop settings without touching the
// set that is scored: LFW pairs (LFW pair-file format) from the lfw-identify gallery and probe images, leaving
// out every image that the scored pair file uses.
//   node scripts/harness/make-validation-pairs.mjs --identify DIR --exclude PAIRS_FILE --out DIR [--pairs N]
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFlags, requireFlag } from './run-in-browser.mjs';

const flags = parseFlags(process.argv.slice(2));
const usage = 'make-validation-pairs --identify DIR --exclude PAIRS_FILE --out DIR [--pairs N]';
const identify = requireFlag(flags, 'identify', usage);
const exclude = requireFlag(flags, 'exclude', usage);
const out = requireFlag(flags, 'out', usage);
const perKind = Number(flags.pairs ?? 600);

const excluded = new Set();
for (const line of (await readFile(exclude, 'utf8')).split(/\r?\n/).slice(1)) {
  const f = line.trim().split(/\s+/);
  const name = (n, i) => `${n}_${String(i).padStart(4, '0')}.jpg`;
  if (f.length === 3) excluded.add(name(f[0], f[1])).add(name(f[0], f[2]));
  if (f.length === 4) excluded.add(name(f[0], f[1])).add(name(f[2], f[3]));
}

// Deterministic PRNG (mulberry32) so the set is the same on every run.
let seed = 20261122;
const rand = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const people = new Map();
for (const part of ['gallery', 'probes']) {
  for (const person of await readdir(path.join(identify, part))) {
    for (const file of await readdir(path.join(identify, part, person))) {
      if (excluded.has(file)) continue;
      if (!people.has(person)) people.set(person, []);
      people.get(person).push({ file, src: path.join(identify, part, person, file) });
    }
  }
}

await rm(out, { recursive: true, force: true });
for (const [person, images] of people) {
  await mkdir(path.join(out, 'images', person), { recursive: true });
  for (const img of images) await symlink(img.src, path.join(out, 'images', person, img.file));
}

const index = (file) => Number(file.match(/_(\d{4})\.jpg$/)[1]);
const names = [...people.keys()].filter((p) => people.get(p).length >= 2);
const same = [];
const diff = [];
while (same.length < perKind) {
  const p = names[Math.floor(rand() * names.length)];
  const imgs = people.get(p);
  const a = imgs[Math.floor(rand() * imgs.length)];
  const b = imgs[Math.floor(rand() * imgs.length)];
  if (a !== b) same.push(`${p}\t${index(a.file)}\t${index(b.file)}`);
}
while (diff.length < perKind) {
  const p = names[Math.floor(rand() * names.length)];
  const q = names[Math.floor(rand() * names.length)];
  if (p === q) continue;
  const a = people.get(p)[Math.floor(rand() * people.get(p).length)];
  const b = people.get(q)[Math.floor(rand() * people.get(q).length)];
  diff.push(`${p}\t${index(a.file)}\t${q}\t${index(b.file)}`);
}
await writeFile(path.join(out, 'pairs.txt'), `${perKind}\n${[...same, ...diff].join('\n')}\n`);
console.log(
  `validation pairs: ${same.length} same + ${diff.length} different over ${people.size} people, ${excluded.size} scored images left out -> ${out}`,
);
