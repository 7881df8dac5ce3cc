// The face engine in a real browser, on real photos: it finds every face, embeds the same person closer than
// different people, leaks no tensors, and survives losing its GPU device. Runs the app's worker code through
// the harness page (scripts/harness), served on port 4174 by the Playwright config.
import { readFileSync } from 'node:fs';
import { expect, test } from './support/fixtures';
import { HARNESS, run } from './support/harness';
import { patience } from './support/patience';

const samples = JSON.parse(readFileSync(new URL('./fixtures/face-api-samples.json', import.meta.url), 'utf8')) as {
  faces: Record<string, number>;
};

test.use({ baseURL: HARNESS });
test.describe.configure({ mode: 'serial' });

test('finds every face in the face-api group photos', async ({ page }) => {
  const images = Object.keys(samples.faces).map((f) => `/samples/${f}`);
  const result = await run<{ detector: string; images: Record<string, { count: number }> }>(page, 'detect-faces', {
    images,
    backend: 'wasm',
  });
  expect(result.detector).toContain('mediapipe');
  for (const [file, expected] of Object.entries(samples.faces)) {
    expect(result.images[`/samples/${file}`]?.count, file).toBe(expected);
  }
});

test('two crops of the same person are closer than crops of different people', async ({ page }) => {
  const r = await run<{ people: number; embeddings: number; same: number[]; different: number[] }>(
    page,
    'same-versus-different',
    {
      image: '/samples/sample1.jpg',
      backend: 'wasm',
    },
  );
  expect(r.people).toBe(3);
  expect(r.embeddings).toBe(6);
  expect(Math.min(...r.same)).toBeGreaterThan(Math.max(...r.different));
});

test('1,000 analysed frames leave the tensor count where it was after warm-up', async ({ page }) => {
  test.setTimeout(patience(600_000));
  // One person (the blonde woman of sample1.jpg, with margin), so 1,000 frames take about a minute, not three.
  const r = await run<{ frames: number; faces: number; before: number; after: number }>(page, 'tensor-leak', {
    image: '/samples/sample1.jpg',
    crop: { x: 1280, y: 40, width: 620, height: 680 },
    frames: 1000,
    backend: 'wasm',
  });
  expect(r.faces).toBeGreaterThanOrEqual(1000);
  expect(r.after).toBe(r.before);
});

test('a lost GPU device falls back to another backend without a reload', async ({ page }) => {
  test.setTimeout(patience(300_000));
  // Exactly WebGL (a test-only engine option): without it the engine rightly refuses a software WebGL slower than
  // its limit, and whether SwiftShader is that slow depends on the machine.
  const r = await run<{
    backendBefore: string;
    lost: boolean;
    backendAfter: string;
    facesBefore: number;
    facesAfter: number;
    fallbackReason?: string;
    sameEmbedding?: number;
  }>(page, 'device-loss', { image: '/samples/sample2.jpg', backend: 'webgl', exact: true });
  expect(r.backendBefore).toBe('webgl');
  expect(r.lost).toBe(true);
  expect(r.backendAfter).not.toBe('webgl');
  expect(r.fallbackReason).toMatch(/lost/i);
  expect(r.facesAfter).toBe(r.facesBefore);
  // The same picture gives the same person on the new backend.
  expect(r.sameEmbedding).toBeGreaterThan(0.99);
});
