// WebKitGTK (the engine of Safari) through WebDriver classic: Debian's WebKitWebDriver, started under xvfb-run
// (MiniBrowser needs a display), driven with selenium-webdriver. Nothing is downloaded.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder, type WebDriver, type WebElement } from 'selenium-webdriver';
import type { EngineDriver, Query } from './driver';
import { queryInPage } from './page-query';

const MINIBROWSER = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not up yet.
    }
    if (Date.now() > until) throw new Error(`WebKitWebDriver did not start at ${url}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function startWebKit(): Promise<EngineDriver> {
  const binary = MINIBROWSER.find((p) => existsSync(p));
  if (!binary) throw new Error('WebKitGTK MiniBrowser not found: apt-get install webkit2gtk-driver');
  const port = await freePort();
  const server: ChildProcess = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
    stdio: 'ignore',
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForServer(url, 30_000);
  const driver: WebDriver = await new Builder()
    .usingServer(url)
    .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary, args: ['--automation'] } })
    .build();

  const find = async (query: Query): Promise<WebElement> => {
    const el = await driver.executeScript<WebElement | null>(
      `return (${queryInPage.toString()})(arguments[0]);`,
      query,
    );
    if (!el) throw new Error(`webkit: nothing matches ${JSON.stringify(query)}`);
    return el;
  };

  // WebDriver classic has no console events: after each navigation the page's console is wrapped to keep what
  // it says (messages before that moment and from workers are not seen).
  const captureConsole = () =>
    driver.executeScript(`
      if (window.__engineLogs) return;
      const logs = (window.__engineLogs = []);
      for (const level of ['log', 'info', 'warn', 'error']) {
        const original = console[level].bind(console);
        console[level] = (...args) => { logs.push('console.' + level + ': ' + args.map(String).join(' ')); original(...args); };
      }
      addEventListener('error', (e) => logs.push('uncaught: ' + e.message));
      addEventListener('unhandledrejection', (e) => logs.push('unhandled rejection: ' + String(e.reason)));
    `);

  return {
    name: 'webkit',
    version: async () => String(await driver.executeScript('return navigator.userAgent')),
    goto: async (u) => {
      await driver.get(u);
      await captureConsole();
    },
    reload: async () => {
      await driver.navigate().refresh();
      await captureConsole();
    },
    evaluate: async (fn, ...args) =>
      (await driver
        .executeAsyncScript(
          `const done = arguments[arguments.length - 1];
         Promise.resolve((${fn.toString()})(...arguments[0])).then((v) => done({ v }), (e) => done({ e: String(e) }));`,
          args,
        )
        .then((r) => {
          const out = r as { v?: unknown; e?: string };
          if (out.e !== undefined) throw new Error(out.e);
          return out.v;
        })) as never,
    text: async (q) =>
      String(
        await driver.executeScript(
          `const el = (${queryInPage.toString()})(arguments[0]); return el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';`,
          q,
        ),
      ),
    fill: async (q, text) => {
      const el = await find(q);
      await el.clear();
      await el.sendKeys(text);
    },
    click: async (q) => (await find(q)).click(),
    setFiles: async (q, files) => (await find(q)).sendKeys(files.join('\n')),
    logs: async () => await driver.executeScript<string[]>('return window.__engineLogs || []'),
    close: async () => {
      await driver.quit().catch(() => undefined);
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    },
  };
}
