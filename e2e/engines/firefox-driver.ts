// Firefox through WebDriver BiDi: Debian's firefox-esr, driven with puppeteer-core (geckodriver is not available
// here, and puppeteer-core downloads nothing).
import puppeteer, { type ElementHandle } from 'puppeteer-core';
import type { EngineDriver, Query } from './driver';
import { queryInPage } from './page-query';

export async function startFirefox(): Promise<EngineDriver> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: {
      // No camera on the test machine: a fake stream, and no permission prompt.
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
    },
  });
  const page = await browser.newPage();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => logs.push(`uncaught: ${String(e)}`));

  const find = async (query: Query): Promise<ElementHandle> => {
    const handle = await page.evaluateHandle(queryInPage, query);
    const el = handle.asElement() as ElementHandle | null;
    if (!el) {
      await handle.dispose();
      throw new Error(`firefox: nothing matches ${JSON.stringify(query)}`);
    }
    return el;
  };

  return {
    name: 'firefox',
    version: () => browser.version(),
    goto: async (u) => {
      await page.goto(u);
    },
    reload: async () => {
      await page.reload();
    },
    evaluate: (fn, ...args) => page.evaluate(fn as never, ...(args as unknown as never[])),
    text: async (q) =>
      String(
        await page.evaluate(
          `(() => { const el = (${queryInPage.toString()})(${JSON.stringify(q)}); return el ? el.textContent.replace(/\\s+/g, ' ').trim() : ''; })()`,
        ),
      ),
    fill: async (q, text) => {
      const el = await find(q);
      await el.evaluate((e) => {
        (e as HTMLInputElement).value = '';
      });
      await el.type(text);
    },
    click: async (q) => (await find(q)).click(),
    setFiles: async (q, files) => ((await find(q)) as ElementHandle<HTMLInputElement>).uploadFile(...files),
    logs: () => Promise.resolve(logs),
    close: () => browser.close(),
  };
}
