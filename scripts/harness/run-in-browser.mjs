// Shared runner for `npm run eval` and `npm run bench`: builds the harness page (the app's real worker code),
// serves it with the app's models and the data folders named on the command line, runs one task in headless
// Chromium, relays progress to stderr and returns the task's result.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function buildHarness() {
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'scripts/harness/vite.config.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

/**
 * dataDirs: { name: absoluteDir } mounted at /data/<name>/. Returns the task result.
 * chromiumArgs: extra flags (e.g. a fake camera file).
 */
export async function runInBrowser(
  task,
  args,
  { dataDirs = {}, chromiumArgs = [], build = true, timeoutMs = 4 * 3600_000 } = {},
) {
  if (build) buildHarness();
  const mounts = { '/': path.join(root, '.cache/harness'), '/models/': path.join(root, 'public/models') };
  for (const [name, dir] of Object.entries(dataDirs)) mounts[`/data/${name}/`] = dir;
  const server = await startStaticServer(mounts);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-unsafe-webgpu',
      ...chromiumArgs,
    ],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeoutMs);
    page.on('console', (msg) => {
      const text = msg.text();
      if (text.startsWith('[progress]') || msg.type() === 'error' || msg.type() === 'warning')
        process.stderr.write(`${text}\n`);
    });
    page.on('pageerror', (err) => process.stderr.write(`page error: ${err.message}\n`));
    await page.goto(`${server.url}/`);
    // eslint-disable-next-line no-undef -- runs in the page
    await page.waitForFunction(() => 'harness' in window);
    // eslint-disable-next-line no-undef -- runs in the page
    return await page.evaluate(([t, a]) => window.harness.run(t, a), [task, args]);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Parses `--name value` pairs (and bare `--flag`) after the task name. */
export function parseFlags(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const key = a.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) flags[key] = true;
    else {
      flags[key] = next;
      i++;
    }
  }
  return flags;
}

export function requireFlag(flags, name, usage) {
  if (typeof flags[name] !== 'string') {
    console.error(`missing --${name}\nusage: ${usage}`);
    process.exit(2);
  }
  return path.resolve(flags[name]);
}
