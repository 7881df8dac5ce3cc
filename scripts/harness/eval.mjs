#!/usr/bin/env node
// npm run eval -- TASK [flags]: evaluation commands. Each drives the app's real code in headless Chromium and
// prints one JSON object as its last line.
//   verify      --pairs FILE --root DIR   LFW pair file (header "N" or "folds N"); images under DIR/images/
//   age-gender  --labels CSV --root DIR   UTKFace labels.csv (file, age, gender, race, age_bin)
//   emotion     --root DIR                one folder per class; classes the model lacks are excluded and counted
//   identify    --gallery DIR --probes DIR --unknowns DIR   one folder per identity; gallery enrolled as the app does
//   visitors    --root DIR --visits FILE  a day of anonymous visits (visits.tsv) through the counter and visitor registry
//   calibrate   --root DIR                DIR/<identity>/<images>: false match / non-match rates per threshold
//   features    --root DIR --out FILE [--embedding false]   engine outputs per image, cached for npm run tune
//   recommend   --train FILE --queries FILE [--as-card [--products FILE] [--purchased filter|down-weight]] [--no-tune]
//               baskets (TSV) and evaluation cases; trains as the app does (settings tuned on the training
//               baskets' most recent tenth, then retrained on all), then scores the queries on the raw scorer or,
//               with --as-card, through the member card's pipeline (names/categories from the products TSV; items
//               already bought handled as the app's default setting does, or as --purchased says);
//               --no-tune trains the small-shop fallback instead, unvalidated
//   liveness    --root DIR [--live-videos DIR...] [--frame-ms 500] [--video-fps 30] [--calibrate --subject-pattern RE]
//               presentation attacks: DIR/real/<capture>/ and DIR/attack/<capture>/, each capture's frames in name
//               order played as one track, frame-ms apart; --live-videos adds folders of live frames (name order,
//               video-fps); --calibrate chooses the settings on DIR, leave-one-subject-out with the subject taken
//               from each capture's name by RE's first group
// Engine flags for studies: --backend NAME, --zoom Z --shiftY S (face chip geometry), --ageZoom Z --ageShiftY S
// --ageFlip 0|1 (age/gender chip).
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFlags, requireFlag, runInBrowser } from './run-in-browser.mjs';

const [task, ...rest] = process.argv.slice(2);
const flags = parseFlags(rest);
/** Engine options any face task accepts (the defaults are the app's). */
const engineArgs = Object.fromEntries(
  ['backend', 'zoom', 'shiftY', 'sweep', 'flip', 'ageZoom', 'ageShiftY', 'ageFlip']
    .filter((k) => typeof flags[k] === 'string')
    .map((k) => [k, flags[k]]),
);

/** LFW pairs: "name i j" (same) or "name1 i name2 j" (different); the header line may be "N" or "folds N". */
export function parseLfwPairs(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const body = /^\d+(\s+\d+)?$/.test(lines[0].trim()) ? lines.slice(1) : lines;
  const img = (name, i) => `images/${name}/${name}_${String(i).padStart(4, '0')}.jpg`;
  return body.map((line) => {
    const f = line.trim().split(/\t|\s+/);
    if (f.length === 3) return { a: img(f[0], f[1]), b: img(f[0], f[2]), same: true };
    if (f.length === 4) return { a: img(f[0], f[1]), b: img(f[2], f[3]), same: false };
    throw new Error(`bad pair line: ${line}`);
  });
}

/** Dataset folder names -> the engine's emotion classes. Classes the model lacks (contempt) are excluded. */
const EMOTION_FOLDERS = {
  anger: 'angry',
  angry: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  happiness: 'happy',
  sadness: 'sad',
  sad: 'sad',
  surprise: 'surprise',
  neutral: 'neutral',
};

/** Simple CSV with a header row and no quoted commas (the datasets' label files). */
function parseCsvRecords(text) {
  const [head, ...rows] = text.split(/\r?\n/).filter((l) => l.trim());
  const keys = head.split(',').map((k) => k.trim());
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [keys[i], v.trim()])));
}

async function main() {
  let result;
  switch (task) {
    case 'verify': {
      const usage = 'npm run eval -- verify --pairs FILE --root DIR';
      const pairsFile = requireFlag(flags, 'pairs', usage);
      const rootDir = requireFlag(flags, 'root', usage);
      const pairs = parseLfwPairs(await readFile(pairsFile, 'utf8')).map((p) => ({
        ...p,
        a: `/data/root/${p.a}`,
        b: `/data/root/${p.b}`,
      }));
      result = await runInBrowser('verify', { pairs, ...engineArgs }, { dataDirs: { root: rootDir } });
      break;
    }
    case 'age-gender': {
      const usage = 'npm run eval -- age-gender --labels CSV --root DIR';
      const labels = requireFlag(flags, 'labels', usage);
      const rootDir = requireFlag(flags, 'root', usage);
      const items = parseCsvRecords(await readFile(labels, 'utf8')).map((r) => ({
        url: `/data/root/${r.file}`,
        age: Number(r.age),
        gender: r.gender,
        race: r.race,
        ageBin: r.age_bin,
      }));
      result = await runInBrowser('age-gender', { items, ...engineArgs }, { dataDirs: { root: rootDir } });
      break;
    }
    case 'emotion': {
      const usage = 'npm run eval -- emotion --root DIR   (one folder per class)';
      const rootDir = requireFlag(flags, 'root', usage);
      const items = [];
      const excluded = {};
      for (const folder of (await readdir(rootDir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
        const label = EMOTION_FOLDERS[folder.name.toLowerCase()];
        const files = (await readdir(path.join(rootDir, folder.name))).filter((f) => /\.(png|jpe?g)$/i.test(f));
        if (!label) {
          excluded[folder.name] = files.length;
          continue;
        }
        for (const f of files) items.push({ url: `/data/root/${folder.name}/${f}`, label });
      }
      result = await runInBrowser('emotion', { items, excluded, ...engineArgs }, { dataDirs: { root: rootDir } });
      break;
    }
    case 'identify': {
      const usage = 'npm run eval -- identify --gallery DIR --probes DIR --unknowns DIR';
      const dirs = {
        gallery: requireFlag(flags, 'gallery', usage),
        probes: requireFlag(flags, 'probes', usage),
        unknowns: requireFlag(flags, 'unknowns', usage),
      };
      const list = async (name) => {
        const out = [];
        for (const person of (await readdir(dirs[name])).sort()) {
          for (const f of (await readdir(path.join(dirs[name], person))).sort())
            out.push({ url: `/data/${name}/${person}/${f}`, identity: person });
        }
        return out;
      };
      result = await runInBrowser(
        'identify',
        {
          gallery: await list('gallery'),
          probes: await list('probes'),
          unknowns: await list('unknowns'),
          ...engineArgs,
        },
        { dataDirs: dirs },
      );
      break;
    }
    case 'recommend': {
      const usage =
        'npm run eval -- recommend --train FILE --queries FILE [--as-card [--products FILE] [--purchased filter|down-weight]] [--no-tune]';
      const train = path.resolve(requireFlag(flags, 'train', usage));
      const queries = path.resolve(requireFlag(flags, 'queries', usage));
      const products = typeof flags.products === 'string' ? path.resolve(flags.products) : undefined;
      const wrong =
        (products || flags.purchased) && !flags['as-card']
          ? '--products and --purchased are only used with --as-card'
          : flags.purchased !== undefined && !['filter', 'down-weight'].includes(flags.purchased)
            ? '--purchased must be filter or down-weight'
            : undefined;
      if (wrong) {
        console.error(`${wrong}\nusage: ${usage}`);
        process.exit(2);
      }
      result = await runInBrowser(
        'recommend',
        {
          train: `/data/train/${path.basename(train)}`,
          queries: `/data/queries/${path.basename(queries)}`,
          ...(products ? { products: `/data/products/${path.basename(products)}` } : {}),
          asCard: flags['as-card'] === true,
          ...(typeof flags.purchased === 'string' ? { purchased: flags.purchased } : {}),
          noTune: flags['no-tune'] === true,
        },
        {
          dataDirs: {
            train: path.dirname(train),
            queries: path.dirname(queries),
            ...(products ? { products: path.dirname(products) } : {}),
          },
        },
      );
      break;
    }
    case 'calibrate': {
      const usage = 'npm run eval -- calibrate --root DIR   (DIR/<identity>/<image>, e.g. LFW images/)';
      const rootDir = requireFlag(flags, 'root', usage);
      const images = [];
      for (const person of await readdir(rootDir)) {
        for (const f of await readdir(path.join(rootDir, person)))
          images.push({ url: `/data/root/${person}/${f}`, identity: person });
      }
      result = await runInBrowser('calibrate', { images, ...engineArgs }, { dataDirs: { root: rootDir } });
      break;
    }
    case 'visitors': {
      // visits.tsv: visit<TAB>person<TAB>images (comma-separated, relative to DIR); nobody is enrolled.
      const usage = 'npm run eval -- visitors --root DIR --visits DIR/visits.tsv';
      const rootDir = requireFlag(flags, 'root', usage);
      const rows = (await readFile(requireFlag(flags, 'visits', usage), 'utf8'))
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .slice(1)
        .map((l) => l.split('\t'));
      const visits = rows.map(([, person, images]) => ({
        person,
        images: images.split(',').map((i) => `/data/root/${i.trim()}`),
      }));
      result = await runInBrowser('visitors', { visits, ...engineArgs }, { dataDirs: { root: rootDir } });
      break;
    }
    case 'features': {
      // Engine outputs for every DIR/images/<identity>/<image>, cached for tuning in Node (scripts/tune/).
      const usage = 'npm run eval -- features --root DIR --out FILE   (DIR/images/<identity>/<image>)';
      const rootDir = requireFlag(flags, 'root', usage);
      const out = requireFlag(flags, 'out', usage);
      const images = [];
      for (const person of (await readdir(path.join(rootDir, 'images'))).sort()) {
        for (const f of (await readdir(path.join(rootDir, 'images', person))).sort())
          images.push({ path: `images/${person}/${f}`, identity: person });
      }
      const features = await runInBrowser(
        'features',
        { images, embedding: flags.embedding !== 'false', ...engineArgs },
        { dataDirs: { root: rootDir } },
      );
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, JSON.stringify({ ...features, engineArgs, root: rootDir }));
      result = { task: 'features', images: images.length, out, engine_args: engineArgs };
      break;
    }
    case 'liveness': {
      const usage =
        'npm run eval -- liveness --root DIR [--live-videos DIR...] [--frame-ms MS] [--video-fps N] [--calibrate --subject-pattern RE]';
      const rootDir = requireFlag(flags, 'root', usage);
      const images = (files) => files.filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
      const pattern = typeof flags['subject-pattern'] === 'string' ? new RegExp(flags['subject-pattern']) : undefined;
      const captures = [];
      for (const label of ['real', 'attack']) {
        for (const name of (await readdir(path.join(rootDir, label))).sort()) {
          const files = images(await readdir(path.join(rootDir, label, name)));
          const group = pattern ? (pattern.exec(name)?.[1] ?? name) : name;
          captures.push({ label, name, group, frames: files.map((f) => `/data/root/${label}/${name}/${f}`) });
        }
      }
      // --live-videos takes every folder that follows it (up to the next --flag).
      const at = rest.indexOf('--live-videos');
      const videoDirs = [];
      for (let i = at + 1; at >= 0 && i < rest.length && !rest[i].startsWith('--'); i++)
        videoDirs.push(path.resolve(rest[i]));
      const dataDirs = { root: rootDir };
      const videos = [];
      for (const [k, dir] of videoDirs.entries()) {
        dataDirs[`video${k}`] = dir;
        const files = images(await readdir(dir));
        videos.push({
          name: path.relative(path.dirname(path.dirname(dir)), dir),
          frames: files.map((f) => `/data/video${k}/${f}`),
        });
      }
      const frameMs = Number(flags['frame-ms'] ?? 500);
      const videoFrameMs = 1000 / Number(flags['video-fps'] ?? 30);
      const calibrate = flags.calibrate === true;
      if (calibrate && !pattern) {
        console.error(`--calibrate needs --subject-pattern (leave-one-subject-out)\nusage: ${usage}`);
        process.exit(2);
      }
      result = await runInBrowser(
        'liveness',
        { captures, videos, frameMs, videoFrameMs, calibrate, ...engineArgs },
        { dataDirs },
      );
      break;
    }
    default:
      console.error(
        `unknown eval task "${task}". Tasks: verify, age-gender, emotion, identify, visitors, calibrate, features, recommend, liveness`,
      );
      process.exit(2);
  }
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
