// The shipped build carries none of the test build's hooks (src/test-hooks/, `__TEST_HOOKS__`): not in any
// script it serves, and not on the running page. The same names are looked for in the test build, where they
// must be found, so the check cannot pass by looking for names that exist nowhere.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { setUpApp } from './support/app';
import { SHIPPED_DIR, SHIPPED_URL, TEST_BUILD_DIR, TEST_BUILD_URL, TEST_HOOK_MARKERS } from './support/builds';
import { root } from './support/clips';
import { expect, test } from './support/fixtures';

/** Every script and page a build serves (source maps are not served to the app and are left out). */
async function servedCode(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(path.join(root, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|mjs|html|webmanifest)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, file), await readFile(file, 'utf8'));
  }
  return files;
}

function filesContaining(code: Map<string, string>, marker: string): string[] {
  return [...code].filter(([, text]) => text.includes(marker)).map(([file]) => file);
}

test('the shipped bundle contains no test hook; the test build does', async () => {
  const shipped = await servedCode(SHIPPED_DIR);
  const testBuild = await servedCode(TEST_BUILD_DIR);
  expect(shipped.size).toBeGreaterThan(3);
  for (const marker of TEST_HOOK_MARKERS) {
    expect(filesContaining(shipped, marker), `"${marker}" in the shipped build`).toEqual([]);
    expect(filesContaining(testBuild, marker).length, `"${marker}" in the test build`).toBeGreaterThan(0);
  }
});

test.describe('on the shipped build', () => {
  test.use({ baseURL: SHIPPED_URL });
  test('the running app exposes no diagnostics', async ({ page }) => {
    await setUpApp(page, '/');
    expect(await page.evaluate(() => typeof window.counterpartDiagnostics)).toBe('undefined');
  });
});

test.describe('on the test build', () => {
  test.use({ baseURL: TEST_BUILD_URL });
  test('the running app exposes its diagnostics', async ({ page }) => {
    await setUpApp(page, '/');
    expect(await page.evaluate(() => typeof window.counterpartDiagnostics?.counter)).toBe('function');
  });
});
