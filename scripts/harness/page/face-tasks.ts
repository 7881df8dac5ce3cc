// Face evaluation and benchmark tasks, run in the harness page against the app's real face worker.
import { VERIFY_THRESHOLD } from '../../../src/core/recognition/defaults';
import { type ScoredPair, accuracyAt, bestThreshold, cosine, tarAtFar } from '../../../src/core/eval/verification';
import type { AnalyzeOptions, Emotion, FaceResult } from '../../../src/shared/face-engine-api';
import type { FaceContext, HarnessContext, ImageJob, Task } from './harness';

/** The subject of a dataset image: the face nearest the centre (datasets are centred on their subject). */
export function centralFace(faces: readonly FaceResult[], width: number, height: number): FaceResult | undefined {
  let best: FaceResult | undefined;
  let bestDist = Infinity;
  for (const f of faces) {
    const dx = f.box.x + f.box.width / 2 - width / 2;
    const dy = f.box.y + f.box.height / 2 - height / 2;
    const d = Math.hypot(dx, dy) / Math.max(f.box.width, 1);
    if (d < bestDist) {
      bestDist = d;
      best = f;
    }
  }
  return best;
}

/** Analyses each image once, reporting progress; returns the central face (or undefined) per URL. */
export async function analyzeAll(
  face: FaceContext,
  ctx: HarnessContext,
  jobs: readonly ImageJob[],
  options: AnalyzeOptions,
): Promise<Map<string, FaceResult | undefined>> {
  const out = new Map<string, FaceResult | undefined>();
  let done = 0;
  for (const job of jobs) {
    if (out.has(job.url)) continue;
    const r = await face.analyzeImage(job, options);
    out.set(job.url, centralFace(r.faces, r.frameWidth, r.frameHeight));
    if (++done % 100 === 0) ctx.progress(`${done}/${jobs.length} images`);
  }
  return out;
}

interface PairArg {
  readonly a: string;
  readonly b: string;
  readonly same: boolean;
}

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

const verify: Task = async (ctx) => {
  const pairs = ctx.args.pairs as PairArg[];
  const face = await ctx.face();
  const urls = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const faces = await analyzeAll(
    face,
    ctx,
    urls.map((url) => ({ url })),
    { embedding: true, maxFaces: 5 },
  );
  const scored: ScoredPair[] = pairs.map((p) => {
    const ea = faces.get(p.a)?.embedding;
    const eb = faces.get(p.b)?.embedding;
    return { same: p.same, score: ea && eb ? cosine(ea, eb) : undefined };
  });
  const best = bestThreshold(scored);
  return {
    task: 'verify',
    pairs: pairs.length,
    accuracy: round(accuracyAt(scored, VERIFY_THRESHOLD)),
    threshold: VERIFY_THRESHOLD,
    best_threshold_accuracy: round(best.accuracy),
    best_threshold: round(best.threshold),
    'tar_at_far_1e-2': round(tarAtFar(scored, 1e-2).tar),
    no_face: [...faces.values()].filter((f) => !f).length,
    images: urls.length,
    backend: face.info.backend,
    embedding_model: face.info.embeddingModel,
  };
};

interface LabelledFace {
  readonly url: string;
  readonly age: number;
  readonly gender: 'female' | 'male';
  readonly race: string;
  readonly ageBin: string;
}

/** Tight dataset crops get a neutral margin so the detector sees a face in context, as on a camera frame. */
const TIGHT_CROP = { pad: 0.3, minSide: 256 };

/** Age guessed for a face the detector missed, so a miss still counts as an (average-sized) error. */
const AGE_WHEN_MISSED = 35;

interface GroupStats {
  n: number;
  genderCorrect: number;
  ageAbsError: number;
  bandCorrect: number;
}

const ageGender: Task = async (ctx) => {
  const items = ctx.args.items as LabelledFace[];
  const face = await ctx.face();
  const faces = await analyzeAll(
    face,
    ctx,
    items.map((i) => ({ url: i.url, ...TIGHT_CROP })),
    { age: true, gender: true },
  );
  const groups = new Map<string, GroupStats>();
  const add = (key: string, genderOk: boolean, absErr: number, bandOk: boolean) => {
    const g = groups.get(key) ?? { n: 0, genderCorrect: 0, ageAbsError: 0, bandCorrect: 0 };
    g.n++;
    g.genderCorrect += Number(genderOk);
    g.ageAbsError += absErr;
    g.bandCorrect += Number(bandOk);
    groups.set(key, g);
  };
  let missed = 0;
  for (const item of items) {
    const f = faces.get(item.url);
    if (!f) missed++;
    const age = f?.attributes.age?.years ?? AGE_WHEN_MISSED;
    const genderOk = f?.attributes.gender?.label === item.gender;
    const band = f?.attributes.age?.band;
    const bandOk = band !== undefined && (band === item.ageBin || (band === '70+' && item.ageBin.startsWith('70')));
    const err = Math.abs(age - item.age);
    for (const key of ['all', `age:${item.ageBin}`, `gender:${item.gender}`, `race:${item.race}`])
      add(key, genderOk, err, bandOk);
  }
  const summary = (g: GroupStats) => ({
    n: g.n,
    gender_accuracy: round(g.genderCorrect / g.n),
    age_mae: round(g.ageAbsError / g.n, 2),
    age_band_accuracy: round(g.bandCorrect / g.n),
  });
  const all = groups.get('all') ?? { n: 0, genderCorrect: 0, ageAbsError: 0, bandCorrect: 0 };
  const perGroup: Record<string, ReturnType<typeof summary>> = {};
  for (const [k, g] of [...groups].sort(([a], [b]) => a.localeCompare(b))) if (k !== 'all') perGroup[k] = summary(g);
  return {
    task: 'age-gender',
    n: all.n,
    gender_accuracy: round(all.genderCorrect / all.n),
    age_mae: round(all.ageAbsError / all.n, 2),
    age_band_accuracy: round(all.bandCorrect / all.n),
    per_group: perGroup,
    no_face: missed,
    preprocessing: `each image padded by ${TIGHT_CROP.pad * 100} % grey margin per side and upscaled to >= ${TIGHT_CROP.minSide}px; misses count as wrong gender and age ${AGE_WHEN_MISSED}`,
    backend: face.info.backend,
  };
};

interface LabelledExpression {
  readonly url: string;
  readonly label: Emotion;
}

const emotion: Task = async (ctx) => {
  const items = ctx.args.items as LabelledExpression[];
  const face = await ctx.face();
  const faces = await analyzeAll(
    face,
    ctx,
    items.map((i) => ({ url: i.url, ...TIGHT_CROP })),
    { emotion: true },
  );
  const perClass: Record<string, { n: number; correct: number }> = {};
  let correct = 0;
  let missed = 0;
  const confusion: Record<string, Record<string, number>> = {};
  for (const item of items) {
    const f = faces.get(item.url);
    if (!f) missed++;
    const predicted = f?.attributes.emotion?.dominant ?? 'none';
    const c = (perClass[item.label] ??= { n: 0, correct: 0 });
    c.n++;
    const row = (confusion[item.label] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (predicted === item.label) {
      c.correct++;
      correct++;
    }
  }
  return {
    task: 'emotion',
    n: items.length,
    accuracy: round(correct / items.length),
    per_class: Object.fromEntries(
      Object.entries(perClass).map(([k, v]) => [k, { n: v.n, accuracy: round(v.correct / v.n) }]),
    ),
    excluded: ctx.args.excluded,
    no_face: missed,
    confusion,
    preprocessing: `each image padded by ${TIGHT_CROP.pad * 100} % grey margin per side and upscaled to >= ${TIGHT_CROP.minSide}px; misses count as errors`,
    backend: face.info.backend,
  };
};

export const faceTasks: Record<string, Task> = { verify, 'age-gender': ageGender, emotion };
