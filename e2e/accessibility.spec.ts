// Every screen passes an automated accessibility check (axe-core) without serious or critical violations, in the
// light and the dark theme: the lock screen, and each tab once unlocked.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { setUpApp } from './support/app';
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';

onShippedBuild();

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe in the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.locator('#passphrase')).toBeVisible();
    expect(await seriousViolations(page), 'first-run screen').toEqual([]);
    await setUpApp(page);
    for (const tab of ['Counter', 'Members', 'Products', 'Analytics', 'Settings']) {
      await page.getByRole('link', { name: tab }).click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      expect(await seriousViolations(page), tab).toEqual([]);
    }
  });
}
