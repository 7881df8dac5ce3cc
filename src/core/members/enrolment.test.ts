import { describe, expect, it } from 'vitest';
import type { FaceResult } from '../face/face-result';
import { ENROLMENT_RULES, MAX_TEMPLATES, checkCapture, keepTemplate } from './enrolment';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs.map((x) => x / n));
};

function face(q: Partial<FaceResult['quality']> = {}, embedding: Float32Array | null = unit(1, 0)): FaceResult {
  return {
    box: { x: 0, y: 0, width: 100, height: 100 },
    score: 0.9,
    keypoints: [],
    quality: { eyeDistance: 60, sharpness: 200, yaw: 0, pitch: 0, roll: 0, eyesVisible: true, ...q },
    ...(embedding ? { embedding } : {}),
    attributes: {},
    thumbnail: new Uint8Array(256),
  };
}

describe('checkCapture', () => {
  it('accepts a good, live, single face', () => {
    expect(checkCapture([face()], { requireLive: true, live: true })).toMatchObject({ ok: true, problems: [] });
  });
  it('names every problem', () => {
    expect(checkCapture([], { requireLive: false }).problems).toEqual(['no-face']);
    expect(checkCapture([face(), face()], { requireLive: false }).problems).toEqual(['several-faces']);
    const bad = checkCapture([face({ eyeDistance: 10, sharpness: 1, yaw: 40, eyesVisible: false }, null)], {
      requireLive: true,
      live: false,
    });
    // A capture judged a photo or screen says so first.
    expect(bad.problems).toEqual(['photo-or-screen', 'too-small', 'blurred', 'turned', 'eyes-hidden', 'no-embedding']);
    const pending = checkCapture([face()], { requireLive: true, live: undefined });
    expect(pending).toMatchObject({ ok: false, problems: ['not-live'] });
  });
  it('accepts a clearly dominant face in a photo, never at the camera', () => {
    const big = face();
    const small = { ...face(), box: { x: 300, y: 0, width: 40, height: 40 } };
    expect(checkCapture([small, big], { requireLive: false, allowDominantFace: true })).toMatchObject({
      ok: true,
      face: big,
    });
    expect(checkCapture([small, big], { requireLive: false }).problems).toEqual(['several-faces']);
    const similar = { ...face(), box: { x: 300, y: 0, width: 90, height: 90 } };
    expect(checkCapture([similar, big], { requireLive: false, allowDominantFace: true }).problems).toEqual([
      'several-faces',
    ]);
  });

  it('does not ask photo imports to be live', () => {
    expect(checkCapture([face()], { requireLive: false }).ok).toBe(true);
    expect(checkCapture([face({ eyeDistance: ENROLMENT_RULES.minEyeDistance })], { requireLive: false }).ok).toBe(true);
  });
});

describe('keepTemplate', () => {
  it('skips near-duplicates and stops at the maximum', () => {
    const kept: Float32Array[] = [];
    expect(keepTemplate(kept, unit(1, 0))).toBe(true);
    expect(keepTemplate(kept, unit(1, 0.01))).toBe(false);
    for (let i = 1; i <= 10; i++) keepTemplate(kept, unit(Math.cos(i * 0.3), Math.sin(i * 0.3)));
    expect(kept).toHaveLength(MAX_TEMPLATES);
  });
});
