#!/usr/bin/env node
// npm run test:slow: the end-to-end suite as on a much slower machine. Everything (test runner, servers,
// Chromium, its workers) is pinned to one core with taskset; E2E_LOAD=N adds N CPU-bound processes on that core
// (default 0; with 1 the app gets about half the core, which slows every thread, workers included, but makes the
// run several hours long). On top, Chromium's CPU throttling slows each page's main thread E2E_CPU_THROTTLE times (default 4;
// e2e/support/slow-machine.ts). Waits in the tests are for events, with limits stretched E2E_PATIENCE times
// (default 8), so a test fails only if the app really does the wrong thing. Extra arguments go to Playwright
// (e.g. a spec file). Not part of `npm test`; run it before trusting a new end-to-end test.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const throttle = process.env.E2E_CPU_THROTTLE ?? '4';
const patience = process.env.E2E_PATIENCE ?? '8';
const load = Number(process.env.E2E_LOAD ?? 0);
const core = process.env.E2E_CORE ?? '0';
console.log(
  `test:slow: one core (taskset -c ${core}) shared with ${load} CPU-bound load process(es), page CPU throttling ` +
    `${throttle}x, waits stretched ${patience}x`,
);
const burners = Array.from({ length: load }, () =>
  spawn('taskset', ['-c', core, process.execPath, '-e', 'for (;;) {}'], { stdio: 'ignore' }),
);
const started = Date.now();
const run = spawnSync(
  'taskset',
  [
    '-c',
    core,
    process.execPath,
    path.join(root, 'node_modules/@playwright/test/cli.js'),
    'test',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_CPU_THROTTLE: throttle, E2E_PATIENCE: patience } },
);
for (const b of burners) b.kill('SIGKILL');
console.log(
  `test:slow: ${run.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 60_000).toFixed(1)} min`,
);
process.exit(run.status ?? 1);
