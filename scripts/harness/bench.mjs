#!/usr/bin/env node
// npm run bench -- NAME [flags]: benchmarks. Each drives the app's real code in headless Chromium (the figures are
// this machine's, CPU-only) and prints one JSON object as its last line.
//   item2vec  --train FILE [--dim N] [--negative N] [--epochs N] [--window N] [--sample X] [--min-count N] [--gensim]
//             item2vec training speed in the app's retail worker; --gensim also times gensim 4 (Debian's
//             python3-gensim, one worker thread) on the same file and settings, side by side.
//   faces     whole-frame and per-stage times for 1 and 5 faces, with @vladmandic/human and face-api in the same run
//   analytics [--events N]  the Analytics screen's queries over a busy shop's year (2 million visits by default)
//   counter   [--minutes N] [--clip FILE]  the built app with a fake camera of three real people: fps, latency, long
//             tasks, heap and tensors (5 minutes after 1 minute of warm-up), and seconds_to_name (a member walking in
//             and out 12 times, a stranger in view), and the idle pacing (three people leaving and coming back 10
//             times: busy_fps, idle_fps, idle_to_busy_fps_ratio, face_to_first_analysis_ms, see
//             bench/idle-rate.bench.ts). --clip plays FILE as the camera instead, with the demo shop,
//             and adds the Analytics figures the run produced (footfall, unique, returning, gender, ageBand).
//             BENCH_PORT moves the app's server (default 4175).
//   soak      [--minutes N]  the same for 30 minutes by default: memory and fps at start and end, with staff
//             changing screens and locking the app every two minutes (`screens`: seconds on each)
//   gallery   [--sizes 1000,10000,100000,1000000]  open-set search time per probe against galleries of N templates
//   sync      [--members N] [--visits N] [--sales N] [--trials N] [--days N] [--batch N] [--retention-days N]
//             in Node, not Chromium: a tablet joining a shop of 10,000 members, 100,000 visits and 50,000 sales over
//             pouchdb-server on loopback (scripts/bench-sync/sync-bench.ts): initial_sync_s, enrol_to_recognised_s,
//             catch_up_after_offline_s
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseFlags, requireFlag, root, runInBrowser } from './run-in-browser.mjs';

const [name, ...rest] = process.argv.slice(2);
const flags = parseFlags(rest);

async function main() {
  let result;
  switch (name) {
    case 'item2vec': {
      const usage = 'npm run bench -- item2vec --train FILE [--dim N] [--negative N] [--epochs N] [--gensim]';
      const train = path.resolve(requireFlag(flags, 'train', usage));
      const settings = Object.fromEntries(
        [
          ['dim', 'dim'],
          ['negative', 'negative'],
          ['epochs', 'epochs'],
          ['window', 'window'],
          ['sample', 'sample'],
          ['min-count', 'minCount'],
        ]
          .filter(([flag]) => typeof flags[flag] === 'string')
          .map(([flag, key]) => [key, flags[flag]]),
      );
      result = await runInBrowser(
        'item2vec',
        { train: `/data/train/${path.basename(train)}`, ...settings },
        { dataDirs: { train: path.dirname(train) } },
      );
      if (flags.gensim) {
        // gensim's window is per side and shrinks at random (average (w+1)/2 per side); ours is a cap on the
        // basket-mates per item. --window N here means the same number of context items on average.
        const args = ['--train', train, '--dim', String(result.dim), '--negative', String(result.negative)];
        args.push('--epochs', String(result.epochs));
        if (settings.window) args.push('--window', String(Math.max(1, Math.round(Number(settings.window) - 1))));
        if (settings.sample) args.push('--sample', String(settings.sample));
        if (settings.minCount) args.push('--min-count', String(settings.minCount));
        process.stderr.write('gensim: training the same file with one worker thread…\n');
        const out = execFileSync('/usr/bin/python3', [path.join(root, 'scripts/recommend/gensim_bench.py'), ...args], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const gensim = JSON.parse(out.trim().split('\n').pop());
        result = { ...result, ...gensim, ratio_vs_gensim: result.tokens_per_s / gensim.gensim_words_per_s };
      }
      break;
    }
    case 'faces': {
      result = await runInBrowser('faces', {}, { dataDirs: { npm: path.join(root, 'node_modules') } });
      break;
    }
    case 'counter':
    case 'soak': {
      // The built app, driven by bench/*.bench.ts through Playwright's runner (see those files).
      const minutes = String(flags.minutes ?? (name === 'soak' ? 30 : 5));
      const clip = typeof flags.clip === 'string' ? path.resolve(flags.clip) : undefined;
      // The counter benchmark (not the soak, nor a clip of strangers) also times naming a member, over 12 entries.
      const nameEntries = name === 'counter' && !clip ? '12' : '0';
      // …and how it paces itself with nobody in view, over 10 arrivals after an empty stretch.
      const idleCycles = name === 'counter' && !clip ? '10' : '0';
      for (const f of ['counter.json', 'seconds-to-name.json', 'idle-rate.json'])
        rmSync(path.join(root, 'bench-results', f), { force: true });
      // The test build: the counter's figures are read through its diagnostics (src/test-hooks/).
      execFileSync('npm', ['run', 'build:test'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      execFileSync(
        process.execPath,
        [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--config', 'bench/playwright.config.ts'],
        {
          cwd: root,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: {
            ...process.env,
            BENCH_MINUTES: minutes,
            BENCH_NAME_ENTRIES: nameEntries,
            BENCH_IDLE_CYCLES: idleCycles,
            // The soak also changes screens and locks the app now and then (bench/counter.bench.ts).
            BENCH_SCREEN_CHANGES: name === 'soak' ? '1' : '0',
            ...(clip ? { BENCH_CLIP: clip } : {}),
          },
        },
      );
      const read = (f) => {
        const file = path.join(root, 'bench-results', f);
        return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
      };
      result = { ...read('counter.json'), ...read('seconds-to-name.json'), ...read('idle-rate.json') };
      break;
    }
    case 'analytics': {
      result = await runInBrowser('analytics', flags.events ? { events: Number(flags.events) } : {});
      break;
    }
    case 'gallery': {
      const sizes = String(flags.sizes ?? '1000,10000,100000,1000000')
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
      result = await runInBrowser('gallery-search', { sizes });
      break;
    }
    case 'sync': {
      // The sync worker's engine in Node, through Vite's module runner (as scripts/recommend/run-ts.mjs).
      const { runnerImport } = await import('vite');
      const { module } = await runnerImport(path.join(root, 'scripts/bench-sync/sync-bench.ts'), {
        configFile: false,
        logLevel: 'warn',
      });
      result = await module.default(flags);
      break;
    }
    default:
      throw new Error(
        `unknown benchmark "${name ?? ''}"; known: faces, item2vec, gallery, analytics, counter, soak, sync`,
      );
  }
  console.log(JSON.stringify(result));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
