// Open-set identification on the tuning folder, simulated with the app's own code over cached engine outputs:
// photo enrolment checks (core/members/enrolment), template de-duplication and the gallery (core/recognition).
// People with 4+ photos are members, enrolled with the first half of their photos (at most 5 kept) and probed
// with the rest; one photo of each person with fewer is a never-enrolled unknown.
import { type ProbeOutcome, type UnknownOutcome, dirAtFpir } from '../../src/core/eval/identification';
import { type QualityRules, checkCapture, keepTemplate } from '../../src/core/members/enrolment';
import { Gallery, type Match, decide } from '../../src/core/recognition/gallery';
import type { FaceResult } from '../../src/shared/face-engine-api';
import type { CachedFace, CachedImage } from './cache';

function asResult(f: CachedFace): FaceResult {
  return {
    box: f.box,
    score: f.score,
    keypoints: [],
    quality: f.quality,
    ...(f.embedding ? { embedding: f.embedding } : {}),
    attributes: {},
    thumbnail: new Uint8Array(0),
  };
}

/** The template the app would take from this photo under `rules`, if any (as src/app/members/photo-enrolment). */
export function enrolledTemplate(image: CachedImage, rules: QualityRules): Float32Array | undefined {
  const check = checkCapture(image.faces.map(asResult), { requireLive: false, allowDominantFace: true, rules });
  return check.ok ? check.face?.embedding : undefined;
}

export interface OpenSetRun {
  readonly probes: readonly { truth: string; matches: Match[] }[];
  readonly unknowns: readonly Match[][];
  readonly enrolled: number;
  readonly templates: number;
}

export function splitPeople(images: readonly CachedImage[]) {
  const people = new Map<string, CachedImage[]>();
  for (const i of images) people.set(i.identity, [...(people.get(i.identity) ?? []), i]);
  const members = [...people].filter(([, photos]) => photos.length >= 4).map(([name]) => name);
  const unknowns = [...people].filter(([, photos]) => photos.length < 4).map(([, photos]) => photos[0] as CachedImage);
  return { people, members, unknowns };
}

/**
 * Members merged as the app merges them: `mergedInto` maps a person to the member their record was merged into
 * (their captures become a capture set of that member's, and their probes should name that member). `pooled`
 * drops the capture sets, as the gallery scored merged members before they had them.
 */
export interface Merges {
  readonly mergedInto: ReadonlyMap<string, string>;
  readonly pooled?: boolean;
}

export function openSet(
  split: ReturnType<typeof splitPeople>,
  members: readonly string[],
  rules: QualityRules,
  centroidWeight: number,
  merges: Merges = { mergedInto: new Map() },
): OpenSetRun {
  const templates: { memberId: string; vector: Float32Array; captureSet?: string }[] = [];
  const probes: { truth: string; image: CachedImage }[] = [];
  for (const name of members) {
    const photos = split.people.get(name) ?? [];
    const half = Math.ceil(photos.length / 2);
    const kept: Float32Array[] = [];
    for (const p of photos.slice(0, half)) {
      const t = enrolledTemplate(p, rules);
      if (t) keepTemplate(kept, t);
    }
    const into = merges.mergedInto.get(name);
    const memberId = into ?? name;
    const captureSet = into !== undefined && !merges.pooled ? name : undefined;
    for (const vector of kept) templates.push({ memberId, vector, ...(captureSet ? { captureSet } : {}) });
    probes.push(...photos.slice(half).map((image) => ({ truth: memberId, image })));
  }
  const gallery = new Gallery(templates, 128, centroidWeight);
  const search = (i: CachedImage): Match[] => (i.subject?.embedding ? gallery.search(i.subject.embedding, 2) : []);
  return {
    probes: probes.map((p) => ({ truth: p.truth, matches: search(p.image) })),
    unknowns: split.unknowns.map(search),
    enrolled: gallery.members.length,
    templates: templates.length,
  };
}

/** Probes named correctly and unknowns named at all, under one threshold and margin. */
export function scorePolicy(run: OpenSetRun, threshold: number, margin: number) {
  const p = { threshold, margin };
  const named = run.probes.filter((x) => decide(x.matches[0], x.matches[1], p) === x.truth).length;
  const falses = run.unknowns.filter((m) => decide(m[0], m[1], p) !== undefined).length;
  return { correct_name_rate: named / run.probes.length, fpir: falses / run.unknowns.length };
}

/** DIR at FPIR 1 % (threshold only) and true rank-1 (the best match is the right person, whatever its score). */
export function dirAndRank1(run: OpenSetRun) {
  const probes: ProbeOutcome[] = run.probes.map((p) => ({
    truth: p.truth,
    top: p.matches[0]?.memberId,
    topScore: p.matches[0]?.score,
  }));
  const unknowns: UnknownOutcome[] = run.unknowns.map((m) => ({ topScore: m[0]?.score }));
  return {
    dir: dirAtFpir(probes, unknowns, 1e-2).dir,
    rank1: run.probes.filter((p) => p.matches[0]?.memberId === p.truth).length / run.probes.length,
  };
}
