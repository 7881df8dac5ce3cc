// Checks of the face engine itself, run by the end-to-end tests (e2e/face-engine.spec.ts) through the harness
// page, on real photos shipped in an npm package (@vladmandic/face-api's demo pictures).
import { cosine } from '../../../src/core/eval/verification';
import { FaceEngineClient } from '../../../src/client/face-engine';
import type { BackendName } from '../../../src/core/engine/choose-backend';
import type { AnalyzeResult } from '../../../src/shared/face-engine-api';
import type { Task } from './harness';

interface DetectArgs {
  readonly images: readonly string[];
}

/** Faces found per image (still-photo mode), with their boxes. */
const detectFaces: Task = async (ctx) => {
  const face = await ctx.face();
  const out: Record<string, { count: number; boxes: { x: number; y: number; width: number; height: number }[] }> = {};
  for (const url of (ctx.args as unknown as DetectArgs).images) {
    const r = await face.analyzeImage({ url }, { thorough: true, maxFaces: 20 });
    out[url] = { count: r.faces.length, boxes: r.faces.map((f) => f.box) };
  }
  return { detector: face.info.detector, images: out };
};

async function cropOf(url: string, x: number, y: number, w: number, h: number, size: number): Promise<Blob> {
  const source = await createImageBitmap(await (await fetch(url)).blob());
  const canvas = new OffscreenCanvas(size, Math.round((size * h) / w));
  canvas.getContext('2d')?.drawImage(source, x, y, w, h, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
}

/**
 * Two different crops of each person (different framing and scale) must be closer to each other than to any
 * other person's crop.
 */
const sameVersusDifferent: Task = async (ctx) => {
  const face = await ctx.face();
  const url = ctx.args.image as string;
  const whole = await face.analyzeImage({ url }, { thorough: true, maxFaces: 20 });
  const people = whole.faces.slice(0, 3);
  const embeddings: { person: number; e: Float32Array }[] = [];
  for (const [i, f] of people.entries()) {
    const b = f.box;
    // Crop A: tight around the face; crop B: twice as wide, shifted, at another scale.
    const crops = [
      await cropOf(url, b.x - b.width * 0.4, b.y - b.height * 0.4, b.width * 1.8, b.height * 1.8, 360),
      await cropOf(url, b.x - b.width * 1.2, b.y - b.height * 0.9, b.width * 3.2, b.height * 3.2, 520),
    ];
    for (const blob of crops) {
      const r = await face.engine.analyze(await createImageBitmap(blob), { embedding: true, maxFaces: 3 });
      const biggest = [...r.faces].sort((p, q) => q.box.width - p.box.width)[0];
      if (biggest?.embedding) embeddings.push({ person: i, e: biggest.embedding });
    }
  }
  const same: number[] = [];
  const different: number[] = [];
  for (let i = 0; i < embeddings.length; i++) {
    for (let j = i + 1; j < embeddings.length; j++) {
      const a = embeddings[i];
      const b = embeddings[j];
      if (!a || !b) continue;
      (a.person === b.person ? same : different).push(cosine(a.e, b.e));
    }
  }
  return { people: people.length, embeddings: embeddings.length, same, different };
};

/** Analyses `frames` frames and reports the tensor count after warm-up and at the end. */
const tensorLeak: Task = async (ctx) => {
  const face = await ctx.face();
  const url = ctx.args.image as string;
  const frames = Number(ctx.args.frames ?? 1000);
  const source = await createImageBitmap(await (await fetch(url)).blob());
  // Optionally one region of the photo (e.g. one person), so the run measures frames rather than faces.
  const crop = (ctx.args.crop as { x: number; y: number; width: number; height: number } | undefined) ?? {
    x: 0,
    y: 0,
    width: source.width,
    height: source.height,
  };
  const canvas = new OffscreenCanvas(320, Math.round((320 * crop.height) / crop.width));
  canvas
    .getContext('2d')
    ?.drawImage(source, crop.x, crop.y, crop.width, crop.height, 0, 0, canvas.width, canvas.height);
  const all = { embedding: true, age: true, gender: true, emotion: true, liveness: true };
  // Warm-up: every code path once.
  for (let i = 0; i < 3; i++) await face.engine.analyze(await createImageBitmap(canvas), all);
  const before = await face.engine.memory();
  let faces = 0;
  for (let i = 0; i < frames; i++) {
    const r = await face.engine.analyze(await createImageBitmap(canvas), i % 2 ? all : { maxFaces: 5 });
    faces += r.faces.length;
    if ((i + 1) % 200 === 0) ctx.progress(`${i + 1}/${frames} frames`);
  }
  const after = await face.engine.memory();
  return {
    frames,
    faces,
    before: before.numTensors,
    after: after.numTensors,
    bytesBefore: before.numBytes,
    bytesAfter: after.numBytes,
  };
};

/** Makes the GPU backend lose its device, then analyses again: the engine must carry on on another backend. */
const deviceLoss: Task = async (ctx) => {
  const face = await ctx.face();
  const url = ctx.args.image as string;
  const first = await face.analyzeImage({ url }, { embedding: true });
  const lost = await face.engine.simulateDeviceLoss();
  const second = await face.analyzeImage({ url }, { embedding: true });
  const info = face.engine.info;
  return {
    backendBefore: first.backend,
    lost,
    backendAfter: second.backend,
    facesBefore: first.faces.length,
    facesAfter: second.faces.length,
    fallbackReason: info?.fallbackReason,
    sameEmbedding:
      first.faces[0]?.embedding && second.faces[0]?.embedding
        ? cosine(first.faces[0].embedding, second.faces[0].embedding)
        : undefined,
  };
};

interface BackendRun {
  readonly backend: BackendName;
  readonly device: string;
  readonly results: AnalyzeResult[];
}

/** Runs the app's face worker on exactly one backend (no speed trial, no silent fallback) over the images. */
async function runOn(backend: BackendName, images: readonly string[]): Promise<BackendRun> {
  const engine = new FaceEngineClient();
  const info = await engine.init({
    modelsBaseUrl: new URL('/models/', location.href).href,
    backend,
    exactBackend: backend,
  });
  const results: AnalyzeResult[] = [];
  const all = { embedding: true, age: true, gender: true, emotion: true, maxFaces: 10, thorough: true };
  for (const url of images) {
    const bitmap = await createImageBitmap(await (await fetch(url)).blob());
    results.push(await engine.analyze(bitmap, all));
  }
  await engine.dispose();
  return { backend: info.backend, device: info.device, results };
}

/**
 * The same photos through the recogniser and the age, gender and expression nets on two backends: per face, the
 * embedding cosine between them and each one's labels, with the backend every analysis reports it ran on.
 */
const backendsAgree: Task = async (ctx) => {
  const images = ctx.args.images as string[];
  const [a, b] = [ctx.args.reference as BackendName, ctx.args.candidate as BackendName];
  const ref = await runOn(a, images);
  ctx.progress(`${a} done`);
  const other = await runOn(b, images);
  const faces = images.flatMap((image, i) => {
    const x = ref.results[i]?.faces ?? [];
    const y = other.results[i]?.faces ?? [];
    return x.map((f, k) => {
      // The same face on the other backend: the nearest box centre.
      const centre = (g: (typeof x)[number]) => [g.box.x + g.box.width / 2, g.box.y + g.box.height / 2] as const;
      const [cx, cy] = centre(f);
      const match = [...y].sort((p, q) => {
        const [px, py] = centre(p);
        const [qx, qy] = centre(q);
        return Math.hypot(px - cx, py - cy) - Math.hypot(qx - cx, qy - cy);
      })[0];
      const labels = (g: typeof f | undefined) => ({
        gender: g?.attributes.gender?.label,
        ageYears: g?.attributes.age?.years,
        emotion: g?.attributes.emotion?.dominant,
      });
      return {
        image,
        face: k,
        cosine: f.embedding && match?.embedding ? cosine(f.embedding, match.embedding) : undefined,
        [a]: labels(f),
        [b]: labels(match),
      };
    });
  });
  return {
    backends: {
      [a]: { engine: ref.backend, device: ref.device, ranOn: [...new Set(ref.results.map((r) => r.backend))] },
      [b]: { engine: other.backend, device: other.device, ranOn: [...new Set(other.results.map((r) => r.backend))] },
    },
    faces,
  };
};

export const engineTestTasks: Record<string, Task> = {
  'backends-agree': backendsAgree,
  'detect-faces': detectFaces,
  'same-versus-different': sameVersusDifferent,
  'tensor-leak': tensorLeak,
  'device-loss': deviceLoss,
};
