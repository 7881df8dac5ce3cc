// The harness page (scripts/harness): the app's worker code without the UI, served on port 4174 by the
// Playwright config. Specs of the face engine run tasks on it.
import type { Page } from '@playwright/test';

export const HARNESS = process.env.E2E_HARNESS_URL ?? 'http://127.0.0.1:4174';

/** Opens the harness page and runs one of its tasks (scripts/harness/page/*-tasks.ts). */
export async function run<T>(page: Page, task: string, args: Record<string, unknown>): Promise<T> {
  await page.goto(`${HARNESS}/`);
  await page.waitForFunction(() => 'harness' in window);
  return page.evaluate(([t, a]) => window.harness.run(t, a) as Promise<T>, [task, args] as const);
}
