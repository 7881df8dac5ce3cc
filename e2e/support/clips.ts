// Fake-camera clips for the end-to-end tests, built from real photos shipped in npm packages. Chromium plays a
// .y4m file (4:2:0) as its fake camera, looping it. Frames are rendered in a headless page (which decodes the
// JPEGs) and converted to I420 here, so no ffmpeg is needed.
//
// A "live" scene moves a little every frame (slight drift, zoom and sensor noise), as a real person in front
// of a camera does; a "still" scene is the same picture frame after frame, like a photo held up to the lens.
import { chromium } from '@playwright/test';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './browser';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const clipDir = path.join(root, 'test-results', 'clips');

/** A region of a source image, drawn to fill a part of the frame. */
export interface Shot {
  /** Path relative to node_modules, e.g. '@vladmandic/face-api/demo/sample1.jpg'. */
  readonly image: string;
  /** Source crop in pixels (whole image when omitted). */
  readonly crop?: { x: number; y: number; width: number; height: number };
  /** Destination rectangle as fractions of the frame (whole frame when omitted). */
  readonly at?: { x: number; y: number; width: number; height: number };
}

export interface Scene {
  /** Shots drawn in this scene (empty = nobody in view). */
  readonly shots: readonly Shot[];
  readonly seconds: number;
  readonly live: boolean;
}

export interface ClipSpec {
  readonly name: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly scenes: readonly Scene[];
}

function serveNodeModules(): Promise<{ url: string; close: () => Promise<void> }> {
  const base = path.join(root, 'node_modules');
  const server = http.createServer((req, res) => {
    const file = path.resolve(base, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      // The index page the browser is pointed at (to be same-origin with the photos) is a plain empty page.
      res.writeHead(file === base ? 200 : 404, { 'Content-Type': 'text/html' }).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': file.endsWith('.png') ? 'image/png' : 'image/jpeg' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** Builds the clip (once per test run) and returns the .y4m path. */
export async function buildClip(spec: ClipSpec): Promise<string> {
  const width = spec.width ?? 640;
  const height = spec.height ?? 480;
  const fps = spec.fps ?? 10;
  await mkdir(clipDir, { recursive: true });
  const out = path.join(clipDir, `${spec.name}.y4m`);
  if (existsSync(out)) return out;
  const server = await serveNodeModules();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  const file = await open(`${out}.part`, 'w');
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`).catch(() => undefined);
    await file.write(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    let frameIndex = 0;
    for (const scene of spec.scenes) {
      const frames = Math.max(1, Math.round(scene.seconds * fps));
      for (let f = 0; f < frames; f++, frameIndex++) {
        const t = frameIndex / fps;
        const rgba = await page.evaluate(
          async ({ shots, width, height, live, t, base }) => {
            const cache = ((window as unknown as { __img?: Record<string, ImageBitmap> }).__img ??= {});
            const canvas = new OffscreenCanvas(width, height);
            const ctx = canvas.getContext('2d', { willReadFrequently: true });
            if (!ctx) throw new Error('no 2d');
            ctx.fillStyle = '#3a3f44';
            ctx.fillRect(0, 0, width, height);
            for (const s of shots) {
              const img = (cache[s.image] ??= await createImageBitmap(
                await (await fetch(`${base}/${s.image}`)).blob(),
              ));
              const c = s.crop ?? { x: 0, y: 0, width: img.width, height: img.height };
              const a = s.at ?? { x: 0, y: 0, width: 1, height: 1 };
              // A live person sways a few pixels and leans in and out a little.
              const dx = live ? Math.sin(t * 2.1) * 4 : 0;
              const dy = live ? Math.cos(t * 1.7) * 3 : 0;
              const zoom = live ? 1 + Math.sin(t * 1.3) * 0.015 : 1;
              const w = a.width * width * zoom;
              const h = a.height * height * zoom;
              ctx.drawImage(
                img,
                c.x,
                c.y,
                c.width,
                c.height,
                a.x * width + dx - (w - a.width * width) / 2,
                a.y * height + dy - (h - a.height * height) / 2,
                w,
                h,
              );
            }
            const data = ctx.getImageData(0, 0, width, height).data;
            if (live) {
              // Sensor noise.
              let seed = Math.floor(t * 1000) + 1;
              for (let i = 0; i < data.length; i += 4) {
                seed = (seed * 1103515245 + 12345) & 0x7fffffff;
                const n = (seed % 7) - 3;
                data[i] = Math.max(0, Math.min(255, (data[i] ?? 0) + n));
                data[i + 1] = Math.max(0, Math.min(255, (data[i + 1] ?? 0) + n));
                data[i + 2] = Math.max(0, Math.min(255, (data[i + 2] ?? 0) + n));
              }
            }
            // Hand the pixels back as base64: far cheaper to pass out of the page than a number array.
            let binary = '';
            for (let i = 0; i < data.length; i += 0x8000)
              binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
            return btoa(binary);
          },
          { shots: scene.shots, width, height, live: scene.live, t, base: server.url },
        );
        await file.write('FRAME\n');
        await file.write(toI420(Buffer.from(rgba, 'base64'), width, height));
      }
    }
  } finally {
    await file.close();
    await browser.close();
    await server.close();
  }
  const { rename } = await import('node:fs/promises');
  await rename(`${out}.part`, out);
  return out;
}

/** RGBA -> planar YUV 4:2:0 (BT.601 full range, as the y4m 'C420jpeg' header says). */
function toI420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  const ySize = width * height;
  const cw = width >> 1;
  const ch = height >> 1;
  const out = new Uint8Array(ySize + 2 * cw * ch);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const r = rgba[i] ?? 0;
      const g = rgba[i + 1] ?? 0;
      const b = rgba[i + 2] ?? 0;
      out[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [ox, oy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((2 * y + oy) * width + (2 * x + ox)) * 4;
        r += rgba[i] ?? 0;
        g += rgba[i + 1] ?? 0;
        b += rgba[i + 2] ?? 0;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      out[ySize + y * cw + x] = Math.max(0, Math.min(255, Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b)));
      out[ySize + cw * ch + y * cw + x] = Math.max(
        0,
        Math.min(255, Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b)),
      );
    }
  }
  return out;
}

/** Renders a still photo (PNG) from shots, for enrolment from photo files. Returns its path. */
export async function buildPhoto(name: string, shots: readonly Shot[], width = 480, height = 480): Promise<string> {
  await mkdir(clipDir, { recursive: true });
  const out = path.join(clipDir, `${name}.png`);
  if (existsSync(out)) return out;
  const server = await serveNodeModules();
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    // Same origin as the photos: Chromium refuses requests from about:blank to localhost (local network access).
    await page.goto(`${server.url}/`).catch(() => undefined);
    const png = await page.evaluate(
      async ({ shots, width, height, base }) => {
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d');
        ctx.fillStyle = '#5b6168';
        ctx.fillRect(0, 0, width, height);
        for (const s of shots) {
          const img = await createImageBitmap(await (await fetch(`${base}/${s.image}`)).blob());
          const c = s.crop ?? { x: 0, y: 0, width: img.width, height: img.height };
          const a = s.at ?? { x: 0, y: 0, width: 1, height: 1 };
          ctx.drawImage(
            img,
            c.x,
            c.y,
            c.width,
            c.height,
            a.x * width,
            a.y * height,
            a.width * width,
            a.height * height,
          );
        }
        const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      { shots, width, height, base: server.url },
    );
    const { writeFile } = await import('node:fs/promises');
    await writeFile(out, Buffer.from(png, 'base64'));
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

/**
 * A short video file (WebM, VP8) of still frames, each made of `shots` (e.g. several photos of one person, as a
 * low-frame-rate recording of them would show): for "Use a video or photo instead of the camera" in browsers
 * whose camera cannot be faked. Needs Debian's ffmpeg. Returns its path.
 */
export async function buildVideo(
  name: string,
  frames: readonly (readonly Shot[])[],
  options: { fps?: number; width?: number; height?: number } = {},
): Promise<string> {
  const out = path.join(clipDir, `${name}.webm`);
  if (existsSync(out)) return out;
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const stills = [];
  for (const [i, shots] of frames.entries())
    stills.push(await buildPhoto(`${name}-frame-${String(i).padStart(3, '0')}`, shots, width, height));
  const { execFileSync } = await import('node:child_process');
  execFileSync(
    'ffmpeg',
    [
      ...['-y', '-loglevel', 'error', '-framerate', String(options.fps ?? 2)],
      ...['-i', path.join(clipDir, `${name}-frame-%03d.png`)],
      ...['-c:v', 'libvpx', '-b:v', '1M', '-pix_fmt', 'yuv420p', `${out}.part.webm`],
    ],
    { stdio: 'inherit' },
  );
  const { rename } = await import('node:fs/promises');
  await rename(`${out}.part.webm`, out);
  return out;
}
