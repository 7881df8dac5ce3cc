// `npm run test:slow`: the suite on a machine several times slower than this one. The runner pins everything to
// one core shared with CPU-bound load (scripts/test-slow.mjs), which slows every thread, workers included; here
// each page's main thread is slowed further by Chromium's CPU throttling (E2E_CPU_THROTTLE = the factor).
// Dedicated workers cannot be throttled this way: Chromium answers "Operation is only supported for pages, not
// workers" (tried through their own DevTools sessions, Chromium 156).
import type { Browser, BrowserContext, Page } from '@playwright/test';

export const CPU_THROTTLE = Math.max(1, Number(process.env.E2E_CPU_THROTTLE ?? 1));

async function throttlePage(context: BrowserContext, page: Page): Promise<void> {
  try {
    const session = await context.newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE });
  } catch {
    // The page closed first.
  }
}

/** Slows every page of `context`, now and later, when the suite runs as a slow machine. */
export async function slowDownContext(context: BrowserContext): Promise<void> {
  if (CPU_THROTTLE <= 1) return;
  context.on('page', (page) => void throttlePage(context, page));
  await Promise.all(context.pages().map((page) => throttlePage(context, page)));
}

/** The same for every context later made on `browser` (tests that launch their own browser). */
export function slowDownBrowser(browser: Browser): Browser {
  if (CPU_THROTTLE <= 1) return browser;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    await slowDownContext(context);
    return context;
  };
  return browser;
}
