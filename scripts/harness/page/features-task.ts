// `npm run eval -- features`: what the engine sees in every image of a folder (faces, quality, embedding, age and
// gender), written to a cache file so that settings can be searched in Node over the same engine outputs many
// times (scripts/tune/), instead of re-running the models for every candidate setting.
import { PHOTO_RULES, checkCapture } from '../../../src/core/members/enrolment';
import type { FaceResult } from '../../../src/shared/face-engine-api';
import { centralFace } from './face-tasks';
import type { Task } from './harness';

interface ImageArg {
  /** Path relative to the data root (also the key in the cache file). */
  readonly path: string;
  readonly identity: string;
}

function base64(v: Float32Array): string {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function describe(f: FaceResult) {
  return {
    box: f.box,
    score: f.score,
    quality: f.quality,
    ...(f.embedding ? { embedding: base64(f.embedding) } : {}),
    ...(f.attributes.age ? { age: f.attributes.age.years } : {}),
    ...(f.attributes.gender
      ? {
          male:
            f.attributes.gender.label === 'male' ? f.attributes.gender.confidence : 1 - f.attributes.gender.confidence,
        }
      : {}),
  };
}

export const features: Task = async (ctx) => {
  const images = ctx.args.images as ImageArg[];
  const embed = ctx.args.embedding !== false;
  const face = await ctx.face();
  const out = [];
  let done = 0;
  for (const img of images) {
    const r = await face.analyzeImage(
      { url: `/data/root/${img.path}` },
      { embedding: embed, age: true, gender: true, maxFaces: 5 },
    );
    const central = centralFace(r.faces, r.frameWidth, r.frameHeight);
    // The photo-enrolment check, as the app applies it to a photo file (src/app/members/photo-enrolment.ts).
    const check = checkCapture(r.faces, { requireLive: false, allowDominantFace: true, rules: PHOTO_RULES });
    out.push({
      path: img.path,
      identity: img.identity,
      width: r.frameWidth,
      height: r.frameHeight,
      faces: r.faces.map(describe),
      central: central ? r.faces.indexOf(central) : -1,
      enrol: { ok: check.ok, problems: check.problems, face: check.face ? r.faces.indexOf(check.face) : -1 },
    });
    if (++done % 200 === 0) ctx.progress(`${done}/${images.length} images`);
  }
  return { task: 'features', info: face.info, images: out };
};
