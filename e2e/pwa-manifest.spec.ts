// The web app manifest is valid and installable, and every URL the service worker precaches exists.
import { onShippedBuild } from './support/builds';
import { expect, test } from './support/fixtures';

onShippedBuild();

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

test('the web app manifest is valid and its icons load', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const res = await request.get(new URL(href ?? '', page.url()).href);
  expect(res.status()).toBe(200);
  const manifest = (await res.json()) as {
    name: string;
    short_name: string;
    display: string;
    start_url: string;
    theme_color: string;
    icons: ManifestIcon[];
  };
  expect(manifest.name).toBe('Counterpart');
  expect(manifest.short_name).toBe('Counterpart');
  expect(manifest.display).toBe('standalone');
  expect(manifest.start_url).toBeTruthy();
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  expect(manifest.icons.some((i) => i.sizes === '512x512')).toBe(true);

  const icons = [
    ...manifest.icons.map((i) => ({ src: i.src, sizes: i.sizes })),
    { src: '/icons/apple-touch-icon-180.png', sizes: '180x180' },
  ];
  expect(await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')).toBe(
    '/icons/apple-touch-icon-180.png',
  );
  for (const icon of icons) {
    // Decode each icon in the page: a 200 with a broken PNG would still fail an install.
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, new URL(icon.src, page.url()).href);
    expect(size, icon.src).toBe(icon.sizes);
  }
});

test('every precached URL answers 200', async ({ page, request }) => {
  await page.goto('/');
  const urls = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (reg.active?.state !== 'activated') {
      await new Promise<void>((r) =>
        reg.active?.addEventListener('statechange', () => reg.active?.state === 'activated' && r()),
      );
    }
    const names = await caches.keys();
    const precache = names.find((n) => n.includes('precache'));
    if (!precache) return [];
    const keys = await (await caches.open(precache)).keys();
    return keys.map((k) => k.url);
  });
  expect(urls.length).toBeGreaterThan(10);
  for (const required of ['/index.html', '/models/manifest.json', '/manifest.webmanifest']) {
    expect(
      urls.some((u) => new URL(u).pathname === required),
      required,
    ).toBe(true);
  }
  for (const url of urls) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(200);
  }
});
