// A camera the test directs scene by scene. Chromium's fake camera plays a clip in real time whatever the app
// manages to analyse, so on a slow machine a person can come and go between two analysed frames. This camera
// holds each scene until the test moves on, and the test moves on when the app has analysed enough frames of it
// (see ./frames.ts): what a test asserts never depends on the machine's speed.
//
// It is installed before the app loads (an init script) and stands in for `getUserMedia`: the app gets a real
// MediaStream (from a canvas) and everything after that — the video element, frame capture, the face worker —
// is the app's own code. Scenes are drawn from real photos shipped in npm packages (./people.ts). A "live"
// scene moves a little every frame (drift, lean, sensor noise), as a person in front of a camera does; a "still"
// scene is the same picture frame after frame, like a photo held up to the lens; a "print" scene is the photo as
// a printed card in someone's hands: carried about, turned so it is seen in perspective, and bent. Canvas 2D only
// draws affine maps, so the card is drawn in thin vertical strips, each at its own depth (perspective and bend
// change with the column); the card as a whole is also rolled a little.
import type { BrowserContext, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Shot, root } from './clips';

export type Motion = 'live' | 'still' | 'print';

export interface CameraScene {
  /** What is in view (empty = nobody). */
  readonly shots: readonly Shot[];
  readonly motion: Motion;
}

export interface ScriptedCameraOptions {
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** The scene on screen when the camera starts (default: nobody). */
  readonly first?: string;
}

interface PageConfig {
  readonly images: Record<string, { readonly base64: string; readonly type: string }>;
  readonly scenes: Record<string, CameraScene>;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
  readonly first: string;
}

declare global {
  interface Window {
    scriptedCamera?: { show(scene: string): number; readonly scene: string };
  }
}

/** Runs in the page, before the app: draws the current scene on a canvas and hands its stream to the app. */
function pageCamera(config: PageConfig): void {
  const media = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  if (!media) return;
  const bitmaps = new Map<string, ImageBitmap>();
  const ready = Promise.all(
    Object.entries(config.images).map(async ([name, { base64, type }]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      bitmaps.set(name, await createImageBitmap(new Blob([bytes], { type })));
    }),
  );
  const canvas = document.createElement('canvas');
  canvas.width = config.width;
  canvas.height = config.height;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  let scene = config.first;
  let frame = 0;

  const draw = () => {
    if (!ctx) return;
    const current = config.scenes[scene] ?? { shots: [], motion: 'live' };
    const live = current.motion === 'live';
    const print = current.motion === 'print';
    const t = performance.now() / 1000;
    frame++;
    ctx.fillStyle = '#3a3f44';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    for (const s of current.shots) {
      const img = bitmaps.get(s.image);
      if (!img) continue;
      const c = s.crop ?? { x: 0, y: 0, width: img.width, height: img.height };
      const a = s.at ?? { x: 0, y: 0, width: 1, height: 1 };
      if (print) {
        drawCard(img, c, a, t);
        continue;
      }
      // A live person sways a few pixels and leans in and out a little.
      const dx = live ? Math.sin(t * 2.1) * 4 : 0;
      const dy = live ? Math.cos(t * 1.7) * 3 : 0;
      const zoom = live ? 1 + Math.sin(t * 1.3) * 0.015 : 1;
      const w = a.width * canvas.width * zoom;
      const h = a.height * canvas.height * zoom;
      ctx.drawImage(
        img,
        c.x,
        c.y,
        c.width,
        c.height,
        a.x * canvas.width + dx - (w - a.width * canvas.width) / 2,
        a.y * canvas.height + dy - (h - a.height * canvas.height) / 2,
        w,
        h,
      );
    }
    if (live || print) {
      // Sensor noise.
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const data = pixels.data;
      let seed = frame * 7919 + 1;
      for (let i = 0; i < data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const n = (seed % 7) - 3;
        data[i] = (data[i] ?? 0) + n;
        data[i + 1] = (data[i + 1] ?? 0) + n;
        data[i + 2] = (data[i + 2] ?? 0) + n;
      }
      ctx.putImageData(pixels, 0, 0);
    }
  };
  /**
   * The photo as a card held in the hands at time `t` (s): turned up to 30 degrees about its vertical axis (seen
   * in perspective), bent along that axis, carried about and rolled. Each strip of columns is placed where a
   * pinhole camera would see it.
   */
  function drawCard(
    img: ImageBitmap,
    c: { x: number; y: number; width: number; height: number },
    a: { x: number; y: number; width: number; height: number },
    t: number,
  ) {
    if (!ctx) return;
    const turn = (30 * Math.sin(t * 0.9) * Math.PI) / 180;
    // A print held in two hands bows gently (a strong bow would bulge like a face).
    const bend = 0.05 + 0.03 * Math.sin(t * 1.3);
    const halfW = (a.width * canvas.width) / 2;
    const height = a.height * canvas.height;
    const cx = a.x * canvas.width + halfW + 25 * Math.sin(t * 0.7);
    const cy = a.y * canvas.height + height / 2 + 12 * Math.cos(t * 0.5);
    // Camera distance in card half-widths: a card about a forearm's length from the lens.
    const distance = 4;
    const at = (u: number) => {
      // Card column u (-1..1) bulges towards the camera by the bend, then the card turns.
      const z = bend * (1 - u * u);
      const x = u * Math.cos(turn) + z * Math.sin(turn);
      const depth = distance - (-u * Math.sin(turn) + z * Math.cos(turn));
      return { x: cx + (halfW * distance * x) / depth, scale: distance / depth };
    };
    ctx.save();
    ctx.translate(cx, cy);
    ctx.rotate(0.06 * Math.sin(t * 0.6));
    ctx.translate(-cx, -cy);
    const strips = 96;
    for (let k = 0; k < strips; k++) {
      const u0 = -1 + (2 * k) / strips;
      const u1 = -1 + (2 * (k + 1)) / strips;
      const p0 = at(u0);
      const p1 = at(u1);
      const h = height * (p0.scale + p1.scale) * 0.5;
      ctx.drawImage(
        img,
        c.x + (c.width * k) / strips,
        c.y,
        c.width / strips,
        c.height,
        Math.min(p0.x, p1.x),
        cy - h / 2,
        Math.abs(p1.x - p0.x) + 0.6,
        h,
      );
    }
    ctx.restore();
  }

  // The canvas is redrawn at the camera's frame rate (a still scene too: a captured canvas only emits frames
  // when it is drawn on).
  setInterval(draw, 1000 / config.fps);

  const original = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (!constraints?.video) return original(constraints);
    await ready;
    draw();
    return canvas.captureStream(config.fps);
  };
  window.scriptedCamera = {
    show(next: string) {
      scene = next;
      draw();
      // Frames captured from now on show the new scene.
      return performance.now();
    },
    get scene() {
      return scene;
    },
  };
}

/**
 * Installs the camera in every page of `context` (before any page loads). `scenes` are named; the test shows
 * them with `ScriptedCamera.show`.
 */
export async function installScriptedCamera(
  context: BrowserContext,
  scenes: Record<string, CameraScene>,
  options: ScriptedCameraOptions = {},
): Promise<void> {
  const images: PageConfig['images'] = {};
  for (const scene of Object.values(scenes)) {
    for (const shot of scene.shots) {
      if (images[shot.image]) continue;
      const bytes = await readFile(path.join(root, 'node_modules', shot.image));
      images[shot.image] = {
        base64: bytes.toString('base64'),
        type: shot.image.endsWith('.png') ? 'image/png' : 'image/jpeg',
      };
    }
  }
  const config: PageConfig = {
    images,
    scenes: { nobody: { shots: [], motion: 'live' }, ...scenes },
    width: options.width ?? 640,
    height: options.height ?? 480,
    fps: options.fps ?? 10,
    first: options.first ?? 'nobody',
  };
  await context.addInitScript(pageCamera, config);
}

/** The test's hold on the camera of one page. */
export class ScriptedCamera {
  constructor(private readonly page: Page) {}

  /** Puts `scene` in front of the camera ('nobody' = an empty counter). Returns when it was shown (page clock). */
  show(scene: string): Promise<number> {
    return this.page.evaluate((s) => {
      const camera = window.scriptedCamera;
      if (!camera) throw new Error('the scripted camera is not installed');
      return camera.show(s);
    }, scene);
  }
}
