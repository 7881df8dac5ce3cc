// Face evaluation and benchmark tasks, run in the harness page against the app's real face worker.
import { templatesFromPhotos } from '../../../src/app/members/photo-enrolment';
import { type ProbeOutcome, type UnknownOutcome, dirAtFpir } from '../../../src/core/eval/identification';
import { GENDER_UNSURE_BAND, frameTraits, genderEstimate } from '../../../src/core/face/attribute-estimates';
import { VERIFY_THRESHOLD } from '../../../src/core/recognition/defaults';
import { buildGallery, decide } from '../../../src/core/recognition/gallery';
import { policyForStrictness } from '../../../src/core/recognition/strictness';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';
import { closeStore, openStore } from '../../../src/store/store';
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
  let abstained = 0;
  for (const item of items) {
    const f = faces.get(item.url);
    if (!f) missed++;
    const age = f?.attributes.age?.years ?? AGE_WHEN_MISSED;
    // The app's estimate from this one picture: "not estimated" when close to a coin toss, counted as an error.
    const g = f?.attributes.gender;
    const male = g && (g.label === 'male' ? g.confidence : 1 - g.confidence);
    const estimate = genderEstimate(frameTraits(male, undefined));
    if (male !== undefined && estimate === undefined) abstained++;
    const genderOk = estimate === item.gender;
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
    gender_not_estimated: abstained,
    gender_unsure_band: GENDER_UNSURE_BAND,
    preprocessing: `each image padded by ${TIGHT_CROP.pad * 100} % grey margin per side and upscaled to >= ${TIGHT_CROP.minSide}px; misses count as wrong gender and age ${AGE_WHEN_MISSED}; gender "not estimated" counts as wrong`,
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

interface IdentityImage {
  readonly url: string;
  readonly identity: string;
}

/**
 * Score distributions for choosing thresholds: every cross-identity pair of images (impostors) and every
 * same-identity pair (genuine), summarised as false match / false non-match rates on a grid of thresholds.
 */
const calibrate: Task = async (ctx) => {
  const images = ctx.args.images as IdentityImage[];
  const face = await ctx.face();
  const faces = await analyzeAll(
    face,
    ctx,
    images.map((i) => ({ url: i.url })),
    { embedding: true },
  );
  const found = images.flatMap((img) => {
    const e = faces.get(img.url)?.embedding;
    return e ? [{ identity: img.identity, e }] : [];
  });
  const grid = Array.from({ length: 41 }, (_, i) => round(0.8 + i * 0.005, 3));
  const impostorAbove = new Array<number>(grid.length).fill(0);
  const genuineBelow = new Array<number>(grid.length).fill(0);
  let impostors = 0;
  let genuine = 0;
  for (let i = 0; i < found.length; i++) {
    for (let j = i + 1; j < found.length; j++) {
      const a = found[i] as (typeof found)[number];
      const b = found[j] as (typeof found)[number];
      const s = cosine(a.e, b.e);
      const same = a.identity === b.identity;
      if (same) genuine++;
      else impostors++;
      grid.forEach((t, k) => {
        if (same && s < t) genuineBelow[k] = (genuineBelow[k] ?? 0) + 1;
        if (!same && s >= t) impostorAbove[k] = (impostorAbove[k] ?? 0) + 1;
      });
    }
  }
  return {
    task: 'calibrate',
    images: images.length,
    found: found.length,
    impostor_pairs: impostors,
    genuine_pairs: genuine,
    table: grid.map((t, k) => ({
      threshold: t,
      fmr: (impostorAbove[k] ?? 0) / impostors,
      fnmr: (genuineBelow[k] ?? 0) / genuine,
    })),
    embedding_model: face.info.embeddingModel,
  };
};

/**
 * Open-set identification through the app's own enrolment path: gallery photos go through the photo-enrolment
 * checks into a real (browser) store, the gallery is built from the stored templates as the app builds it, and
 * probes and unknowns are identified with the app's default policy.
 */
const identify: Task = async (ctx) => {
  const gallery = ctx.args.gallery as IdentityImage[];
  const probes = ctx.args.probes as IdentityImage[];
  const unknowns = ctx.args.unknowns as IdentityImage[];
  const face = await ctx.face();
  const store = await openStore({ name: `harness-identify-${Date.now()}` });
  await store.vault.setUp('harness passphrase');
  const byPerson = new Map<string, IdentityImage[]>();
  for (const g of gallery) byPerson.set(g.identity, [...(byPerson.get(g.identity) ?? []), g]);
  let rejectedPhotos = 0;
  const rejections: Record<string, number> = {};
  const memberOf = new Map<string, string>();
  let enrolled = 0;
  for (const [person, images] of byPerson) {
    const photos = await Promise.all(
      images.map(async (i) => ({ name: i.url, image: await (await fetch(i.url)).blob() })),
    );
    const { templates, outcomes } = await templatesFromPhotos(face.engine, photos);
    for (const o of outcomes) {
      if (o.accepted) continue;
      rejectedPhotos++;
      for (const p of o.problems) rejections[p] = (rejections[p] ?? 0) + 1;
    }
    if (!templates.length) continue;
    const member = await store.members.addMember(
      {
        displayName: person,
        consent: { policyVersion: 'harness', scopes: ['face-recognition'], agreedAt: Date.now(), staff: 'harness' },
      },
      templates.map((vector) => ({ modelId: face.info.embeddingModel, vector })),
    );
    memberOf.set(member.id, person);
    if (++enrolled % 20 === 0) ctx.progress(`${enrolled} members enrolled`);
  }
  const g = buildGallery(await store.members.listTemplates(face.info.embeddingModel));
  const policy = policyForStrictness(DEFAULT_SETTINGS.strictness);
  const probeFaces = await analyzeAll(
    face,
    ctx,
    probes.map((p) => ({ url: p.url })),
    { embedding: true },
  );
  const unknownFaces = await analyzeAll(
    face,
    ctx,
    unknowns.map((p) => ({ url: p.url })),
    { embedding: true },
  );
  let named = 0;
  let rankedFirst = 0;
  const probeOutcomes: ProbeOutcome[] = probes.map((p) => {
    const e = probeFaces.get(p.url)?.embedding;
    if (!e) return { truth: p.identity, top: undefined, topScore: undefined };
    const id = g.identify(e, policy);
    if (id.memberId && memberOf.get(id.memberId) === p.identity) named++;
    if (id.best && memberOf.get(id.best.memberId) === p.identity) rankedFirst++;
    return { truth: p.identity, top: id.best ? memberOf.get(id.best.memberId) : undefined, topScore: id.best?.score };
  });
  let falselyNamed = 0;
  const unknownOutcomes: UnknownOutcome[] = unknowns.map((u) => {
    const e = unknownFaces.get(u.url)?.embedding;
    if (!e) return { topScore: undefined };
    const id = g.identify(e, policy);
    if (id.memberId) falselyNamed++;
    return { topScore: id.best?.score };
  });
  const at1 = dirAtFpir(probeOutcomes, unknownOutcomes, 1e-2);
  // The same searches under other thresholds and margins, for choosing the policy on validation data.
  const probeMatches = probes.map((p) => {
    const e = probeFaces.get(p.url)?.embedding;
    return { truth: p.identity, matches: e ? g.search(e, 2) : [] };
  });
  const unknownMatches = unknowns.map((u) => {
    const e = unknownFaces.get(u.url)?.embedding;
    return e ? g.search(e, 2) : [];
  });
  const sweep = [];
  for (let threshold = 0.92; threshold <= 0.9701; threshold += 0.005) {
    for (const margin of [0, 0.01, 0.02]) {
      const p = { threshold, margin };
      const hits = probeMatches.filter((m) => {
        const id = decide(m.matches[0], m.matches[1], p);
        return id !== undefined && memberOf.get(id) === m.truth;
      }).length;
      const falses = unknownMatches.filter((m) => decide(m[0], m[1], p) !== undefined).length;
      sweep.push({
        threshold: round(threshold, 3),
        margin,
        correct_name_rate: round(hits / probes.length),
        fpir: round(falses / unknowns.length),
      });
    }
  }
  const name = store.database.name;
  closeStore(store);
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
  return {
    task: 'identify',
    gallery: byPerson.size,
    probes: probes.length,
    unknowns: unknowns.length,
    // Probes given their own name at the shipped setting (threshold and margin), and probes whose best match is
    // their own identity whatever its score (closed-set rank-1).
    correct_name_rate: round(named / probes.length),
    rank1: round(rankedFirst / probes.length),
    fpir: round(falselyNamed / unknowns.length),
    'dir_at_fpir_1e-2': round(at1.dir),
    'threshold_at_fpir_1e-2': round(at1.threshold),
    policy: { threshold: round(policy.threshold), margin: policy.margin },
    members_enrolled: enrolled,
    gallery_photos_rejected: rejectedPhotos,
    rejection_reasons: rejections,
    probes_no_face: probeOutcomes.filter((p) => p.topScore === undefined).length,
    unknowns_no_face: unknownOutcomes.filter((u) => u.topScore === undefined).length,
    ...(ctx.args.sweep ? { sweep } : {}),
  };
};

export const faceTasks: Record<string, Task> = { verify, 'age-gender': ageGender, emotion, calibrate, identify };
