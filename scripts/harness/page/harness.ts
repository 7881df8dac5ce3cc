// The evaluation / benchmark page. It drives the app's real face engine (the same bridge and worker the app
// uses) on images served from the data folders given on the command line, and computes the figures with the
// app's own core modules. The Node runner calls `window.harness.run(task, args)` and prints the result.
import { FaceEngineClient } from '../../../src/client/face-engine';
import type { BackendName, BackendPreference } from '../../../src/core/engine/choose-backend';
import type { AnalyzeOptions, AnalyzeResult, EngineInfo, EngineInitOptions } from '../../../src/shared/face-engine-api';
import { engineTestTasks } from './engine-test-tasks';
import { faceTasks } from './face-tasks';
import { features } from './features-task';
import { visitors } from './visitors-task';
import { retailTasks } from './retail-tasks';
import { benchTasks } from './bench-tasks';
import { liveness } from './liveness-tasks';

export interface ImageJob {
  readonly url: string;
  /** Pad the image with a neutral grey margin (fraction of its size on each side) before analysis. */
  readonly pad?: number;
  /** Upscale (after padding) so the longer side is at least this many pixels. */
  readonly minSide?: number;
  /** Convert to grey (for greyscale datasets, so the padding matches). */
  readonly grey?: boolean;
}

export interface FaceContext {
  readonly engine: FaceEngineClient;
  readonly info: EngineInfo;
  analyzeImage(job: ImageJob, options: AnalyzeOptions): Promise<AnalyzeResult>;
}

export interface HarnessContext {
  /** The face engine, started on first use with the backend asked for on the command line. */
  face(): Promise<FaceContext>;
  readonly args: Readonly<Record<string, unknown>>;
  progress(message: string): void;
}

async function loadBitmap(job: ImageJob): Promise<ImageBitmap> {
  const res = await fetch(job.url);
  if (!res.ok) throw new Error(`${job.url}: HTTP ${res.status}`);
  const source = await createImageBitmap(await res.blob());
  const pad = job.pad ?? 0;
  if (!pad && !job.minSide) return source;
  const w0 = Math.round(source.width * (1 + 2 * pad));
  const h0 = Math.round(source.height * (1 + 2 * pad));
  const scale = job.minSide ? Math.max(1, job.minSide / Math.max(w0, h0)) : 1;
  const canvas = new OffscreenCanvas(Math.round(w0 * scale), Math.round(h0 * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(
    source,
    pad * source.width * scale,
    pad * source.height * scale,
    source.width * scale,
    source.height * scale,
  );
  source.close();
  return createImageBitmap(canvas);
}

let faceContext: Promise<FaceContext> | undefined;

/** --ageZoom Z --ageShiftY S --ageFlip 0|1: the age/gender chip, for choosing it on tuning data. */
function ageGenderOverride(args: Readonly<Record<string, unknown>>): Partial<EngineInitOptions> {
  const zoom = Number(args.ageZoom);
  const shiftY = Number(args.ageShiftY);
  const flip = args.ageFlip === undefined ? undefined : args.ageFlip === '1' || args.ageFlip === 'true';
  if (!Number.isFinite(zoom) && !Number.isFinite(shiftY) && flip === undefined) return {};
  return {
    ageGenderOverride: {
      ...(Number.isFinite(zoom) ? { zoom } : {}),
      ...(Number.isFinite(shiftY) ? { shiftY } : {}),
      ...(flip !== undefined ? { flip } : {}),
    },
  };
}

function startFace(args: Readonly<Record<string, unknown>>): Promise<FaceContext> {
  faceContext ??= (async () => {
    const engine = new FaceEngineClient();
    const zoom = Number(args.zoom);
    const shiftY = Number(args.shiftY);
    const info = await engine.init({
      modelsBaseUrl: new URL('/models/', location.href).href,
      backend: (typeof args.backend === 'string' ? args.backend : 'auto') as BackendPreference,
      // `exact`: exactly the backend asked for, without the speed trial (tests that need one backend).
      ...(args.exact === true && typeof args.backend === 'string' && args.backend !== 'auto'
        ? { exactBackend: args.backend as BackendName }
        : {}),
      ...(args.flip !== undefined ? { flipEmbedding: args.flip === '1' || args.flip === 'true' } : {}),
      ...ageGenderOverride(args),
      ...(Number.isFinite(zoom) || Number.isFinite(shiftY)
        ? {
            cropOverride: {
              ...(Number.isFinite(zoom) ? { zoom } : {}),
              ...(Number.isFinite(shiftY) ? { shiftY } : {}),
            },
          }
        : {}),
    });
    return {
      engine,
      info,
      async analyzeImage(job: ImageJob, options: AnalyzeOptions) {
        return engine.analyze(await loadBitmap(job), options);
      },
    };
  })();
  return faceContext;
}

export type Task = (ctx: HarnessContext) => Promise<unknown>;

const tasks: Record<string, Task> = {
  ...faceTasks,
  features,
  visitors,
  ...engineTestTasks,
  ...retailTasks,
  ...benchTasks,
  liveness,
};

declare global {
  interface Window {
    harness: { run(task: string, args: Record<string, unknown>): Promise<unknown> };
  }
}

window.harness = {
  async run(task, args) {
    const fn = tasks[task];
    if (!fn) throw new Error(`unknown task ${task}; known: ${Object.keys(tasks).join(', ')}`);
    return fn({ face: () => startFace(args), args, progress: (m) => console.log(`[progress] ${m}`) });
  },
};
