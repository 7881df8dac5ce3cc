#!/usr/bin/env node
// npm run test:browsers: the cross-engine suite (e2e/engines/) in WebKitGTK and Firefox ESR against the shipped
// build. Builds the app, runs the suite (extra arguments go to Playwright, e.g. --project=webkit), and prints as
// its last line {"webkit":{"passed":…,"failed":…},"firefox":{"passed":…,"failed":…}}: a test that did not pass
// (failed, timed out, or skipped after an earlier step failed) counts as failed. Exits non-zero unless all passed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results/engines/results.json');

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);
rmSync(results, { force: true });
const run = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@playwright/test/cli.js'),
    'test',
    '--config',
    'e2e/engines/playwright.config.ts',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);

const summary = { webkit: { passed: 0, failed: 0 }, firefox: { passed: 0, failed: 0 } };
const versions = {};
try {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const engine = summary[t.projectName];
        if (!engine) continue;
        const ok = t.results?.at(-1)?.status === 'passed';
        engine[ok ? 'passed' : 'failed']++;
        const version = t.annotations?.find((a) => a.type === 'engine')?.description;
        if (version) versions[t.projectName] = version;
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
} catch (err) {
  console.error(`test:browsers: no results (${err instanceof Error ? err.message : err})`);
}
for (const [engine, version] of Object.entries(versions)) console.log(`${engine}: ${version}`);
console.log(JSON.stringify(summary));
const allPassed = Object.values(summary).every((s) => s.failed === 0 && s.passed > 0) && run.status === 0;
process.exit(allPassed ? 0 : 1);
