// Benchmark tasks of the harness that time the app's pure core code inside the browser (same JIT as the app).
import { buildGallery } from '../../../src/core/recognition/gallery';
import { policyForStrictness } from '../../../src/core/recognition/strictness';
import { Rng } from '../../../src/core/random/prng';
import type { Task } from './harness';
import { facesBench } from './faces-bench';
import { analyticsBench } from './analytics-bench';

const TEMPLATE_DIM = 128;
const TEMPLATES_PER_MEMBER = 3;

function randomUnit(rng: Rng, dim: number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) {
    // Sum of uniforms: roughly Gaussian, enough for random directions.
    const x = rng.nextFloat() + rng.nextFloat() + rng.nextFloat() - 1.5;
    v[i] = x;
    n += x * x;
  }
  const inv = 1 / Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i] = (v[i] as number) * inv;
  return v;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

export const benchTasks: Record<string, Task> = {
  faces: facesBench,
  analytics: analyticsBench,
  'gallery-search': async (ctx) => {
    const sizes = (ctx.args.sizes as number[] | undefined) ?? [1000, 10_000, 100_000];
    const rng = new Rng(7);
    const policy = policyForStrictness(0.5);
    const out: Record<string, number> = {};
    const round = (x: number) => Math.round(x * 1000) / 1000;
    for (const size of sizes) {
      const templates = Array.from({ length: size }, (_, i) => ({
        memberId: `m${Math.floor(i / TEMPLATES_PER_MEMBER)}`,
        vector: randomUnit(rng, TEMPLATE_DIM),
      }));
      const gallery = buildGallery(templates);
      const probes = Array.from({ length: 40 }, () => randomUnit(rng, TEMPLATE_DIM));
      for (const p of probes.slice(0, 5)) gallery.identify(p, policy); // warm-up (JIT)
      const times = probes.map((p) => {
        const t0 = performance.now();
        gallery.identify(p, policy);
        return performance.now() - t0;
      });
      out[String(size)] = round(median(times));
      ctx.progress(`gallery ${size}: ${median(times).toFixed(2)} ms`);
      await new Promise((r) => setTimeout(r, 0));
    }
    return {
      search_ms: out,
      template_dim: TEMPLATE_DIM,
      templates_per_member: TEMPLATES_PER_MEMBER,
      simd: buildGallery([{ memberId: 'x', vector: randomUnit(rng, TEMPLATE_DIM) }]).usesSimd,
    };
  },
};
