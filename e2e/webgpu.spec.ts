// The WebGPU path of the face engine produces the same results as wasm. Headless Chromium offers WebGPU only with
// --enable-unsafe-webgpu; on this machine it runs on a software adapter (SwiftShader): slow, but the real WebGPU
// backend of TF.js with its own kernels. The engine is told to use exactly WebGPU (a test-only option: without it
// the speed trial rightly prefers wasm here), and every analysis reports the backend it ran on.
import { chromiumLaunchArgs, chromiumPath } from './support/browser';
import { expect, test } from './support/fixtures';
import { HARNESS, run } from './support/harness';
import { patience } from './support/patience';

test.use({
  baseURL: HARNESS,
  launchOptions: { executablePath: chromiumPath, args: [...chromiumLaunchArgs(), '--enable-unsafe-webgpu'] },
});

test('the recogniser and the age, gender and expression nets give the same results on WebGPU as on wasm', async ({
  page,
}) => {
  test.setTimeout(patience(600_000));
  const r = await run<{
    backends: Record<string, { engine: string; ranOn: string[] }>;
    faces: {
      image: string;
      cosine?: number;
      wasm: { gender?: string; ageYears?: number; emotion?: string };
      webgpu: { gender?: string; ageYears?: number; emotion?: string };
    }[];
  }>(page, 'backends-agree', {
    images: ['/samples/sample2.jpg', '/samples/sample6.jpg'],
    reference: 'wasm',
    candidate: 'webgpu',
  });
  // WebGPU really ran every analysis: no silent fallback to another backend.
  expect(r.backends.webgpu).toMatchObject({ engine: 'webgpu', ranOn: ['webgpu'] });
  expect(r.backends.wasm).toMatchObject({ engine: 'wasm', ranOn: ['wasm'] });
  expect(r.faces.length).toBeGreaterThanOrEqual(3);
  for (const f of r.faces) {
    expect(f.cosine, `${f.image}: embedding`).toBeGreaterThanOrEqual(0.999);
    expect(f.webgpu.gender, f.image).toBe(f.wasm.gender);
    expect(f.webgpu.emotion, f.image).toBe(f.wasm.emotion);
    expect(f.webgpu.ageYears === undefined, f.image).toBe(f.wasm.ageYears === undefined);
    if (f.webgpu.ageYears !== undefined && f.wasm.ageYears !== undefined)
      expect(Math.abs(f.webgpu.ageYears - f.wasm.ageYears), `${f.image}: age`).toBeLessThan(0.5);
  }
});
