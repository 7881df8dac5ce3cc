import { describe, expect, it } from 'vitest';
import type { FaceResult } from '../face/face-result';
import type { Point } from '../face/similarity-transform';
import { PRESENTATION_SETTINGS } from '../liveness/defaults';
import { type Pose, faceShape, jitter, project, withExpression } from '../liveness/test-faces';
import {
  PRESENTATION_MIN_EYE_DISTANCE,
  absorbFrame,
  dominantEmotion,
  landmarksDue,
  livenessVerdict,
  newIdentity,
  smoothedAgeBand,
  smoothedGender,
} from './track-identity';

const S = PRESENTATION_SETTINGS;

function face(
  landmarks: Point[] | undefined,
  over: Partial<FaceResult['attributes']> = {},
  eyeDistance = 70,
): FaceResult {
  return {
    box: { x: 0, y: 0, width: 10, height: 10 },
    score: 1,
    keypoints: [],
    ...(landmarks ? { landmarks } : {}),
    quality: { eyeDistance, sharpness: 100, yaw: 0, pitch: 0, roll: 0, eyesVisible: true },
    attributes: over,
    thumbnail: new Uint8Array(256),
  };
}

/** Where the face is at time t (ms): a person or a hand-held card never keeps still. */
function pose(t: number, turn: number, tilt: number): Pose {
  const s = t / 1000;
  return {
    yaw: turn * Math.sin(s * 1.9) + tilt * Math.sin(s * 1.1),
    pitch: 0.6 * turn * Math.cos(s * 2.3) + 0.5 * tilt * Math.cos(s * 0.8),
    roll: 2 * Math.sin(s * 0.7),
    x: 320 + 12 * Math.sin(s * 0.9),
    y: 240 + 6 * Math.cos(s * 1.3),
    distance: 10 + 0.4 * Math.sin(s * 0.5),
  };
}

/**
 * Frames `dt` ms apart for `ms`: a real head turning and talking as people at a counter do, or a printed photo
 * of it tilted in the hands; landmarks jittered by `noise` px as a detector's are.
 */
function frames(kind: 'head' | 'print', dt: number, ms: number, noise = 0.3) {
  const out: { t: number; points: Point[] }[] = [];
  for (let t = 0, i = 0; t <= ms; t += dt, i++) {
    const s = t / 1000;
    const shape =
      kind === 'head'
        ? withExpression(faceShape(false), 0.06 * (0.5 + 0.5 * Math.sin(s * 5)), 0.03 * Math.max(0, Math.sin(s * 3)))
        : faceShape(true);
    const at = kind === 'head' ? pose(t, 8, 0) : pose(t, 1, 14);
    out.push({ t, points: jitter(project(shape, at), noise, i + 1) });
  }
  return out;
}

describe('presentation check over a track', () => {
  it('judges a printed photo tilted in the hands a flat picture, at 9 analysed frames a second', () => {
    const id = newIdentity();
    for (const f of frames('print', 111, 5000)) absorbFrame(id, face(f.points), f.t, S);
    expect(livenessVerdict(id, S)).toEqual({ live: false, reason: 'flat-picture' });
  });

  it('accepts a real head, and waits for enough samples first', () => {
    const id = newIdentity();
    const all = frames('head', 111, 9000);
    const firstVerdictAt = (S.minSamples - 1) * S.sampleSpacingMs;
    for (const f of all.filter((f) => f.t < firstVerdictAt)) absorbFrame(id, face(f.points), f.t, S);
    expect(livenessVerdict(id, S)).toEqual({ live: undefined, reason: 'pending' });
    // Judged from the 8th sample on, but live only after two full windows (24 samples, 333 ms apart at 9 fps).
    const liveAt = (S.liveAfterSamples - 1) * 333;
    for (const f of all.filter((f) => f.t >= firstVerdictAt && f.t < liveAt)) absorbFrame(id, face(f.points), f.t, S);
    expect(livenessVerdict(id, S)).toEqual({ live: undefined, reason: 'pending' });
    for (const f of all.filter((f) => f.t >= liveAt)) absorbFrame(id, face(f.points), f.t, S);
    expect(livenessVerdict(id, S)).toEqual({ live: true, reason: 'ok' });
  });

  it('reaches the same verdicts at 2 frames a second (every frame a sample)', () => {
    for (const kind of ['head', 'print'] as const) {
      const id = newIdentity();
      for (const f of frames(kind, 500, 12_500)) absorbFrame(id, face(f.points), f.t, S);
      expect(id.presentation.samples.length).toBe(S.window);
      expect(id.presentation.taken).toBe(S.liveAfterSamples + 2);
      expect(livenessVerdict(id, S).live).toBe(kind === 'head');
    }
  });

  it('samples landmarks by time, not by frame: at 9 fps every third frame', () => {
    const id = newIdentity();
    const due: boolean[] = [];
    for (const f of frames('head', 111, 2000)) {
      due.push(landmarksDue(id, f.t, S));
      absorbFrame(id, face(f.points), f.t, S);
    }
    const at = id.presentation.samples.map((s) => s.at);
    expect(at).toEqual([0, 333, 666, 999, 1332, 1665, 1998]);
    expect(due.filter(Boolean)).toHaveLength(at.length);
  });

  it('never samples a face too small to judge, and needs landmarks', () => {
    const id = newIdentity();
    for (const f of frames('head', 500, 6000)) {
      absorbFrame(id, face(f.points, {}, PRESENTATION_MIN_EYE_DISTANCE - 1), f.t, S);
      absorbFrame(id, face(undefined), f.t + 1, S);
    }
    expect(id.presentation.samples).toHaveLength(0);
    expect(livenessVerdict(id, S).live).toBeUndefined();
  });

  it('judges a picture held perfectly still (the same landmarks every frame) a flat picture', () => {
    const id = newIdentity();
    const still = project(faceShape(true), pose(0, 0, 0));
    for (let t = 0; t <= 4000; t += 111) absorbFrame(id, face(still), t, S);
    expect(livenessVerdict(id, S)).toEqual({ live: false, reason: 'flat-picture' });
  });

  it('keeps a track judged a picture as one, even if it looks live later', () => {
    const id = newIdentity();
    for (const f of frames('print', 400, 4000)) absorbFrame(id, face(f.points), f.t, S);
    expect(livenessVerdict(id, S).live).toBe(false);
    for (const f of frames('head', 400, 8000)) absorbFrame(id, face(f.points), 4400 + f.t, S);
    expect(livenessVerdict(id, S).live).toBe(false);
  });
});

describe('track identity', () => {
  it('smooths age, gender and emotion over frames', () => {
    const id = newIdentity();
    const scores = { angry: 0, disgust: 0, fear: 0, happy: 0.9, sad: 0, surprise: 0, neutral: 0.1 };
    absorbFrame(
      id,
      face(undefined, {
        age: { years: 30, band: '30-39' },
        gender: { label: 'female', confidence: 0.9 },
        emotion: { dominant: 'happy', scores },
      }),
      0,
      S,
    );
    absorbFrame(
      id,
      face(undefined, { age: { years: 40, band: '40-49' }, gender: { label: 'male', confidence: 0.6 } }),
      100,
      S,
    );
    expect(smoothedAgeBand(id)).toBe('30-39');
    expect(smoothedGender(id)).toBe('female');
    expect(dominantEmotion(id)?.emotion).toBe('happy');
  });
});
