#!/usr/bin/env node
// Renders public/icons/icon.svg to the PNG sizes the web app manifest and iOS need, with Debian's Chromium.
// Run by hand when the logo changes (the PNGs are small and committed): node scripts/icons/render-icons.mjs
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/icons');
const svg = await readFile(path.join(dir, 'icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

// Maskable icons are cropped to a circle/squircle by the OS: keep the logo inside the central 80 % safe zone.
const outputs = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const { file, size, maskable } of outputs) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<body style="margin:0;background:${maskable ? '#0f766e' : 'transparent'};display:grid;place-items:center;width:${size}px;height:${size}px">` +
        `<img src="${dataUrl}" width="${inner}" height="${inner}"></body>`,
    );
    await page.screenshot({ path: path.join(dir, file), omitBackground: !maskable });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons written to ${dir}`);
