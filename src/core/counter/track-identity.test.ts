import { describe, expect, it } from 'vitest';
import type { FaceResult } from '../../shared/face-engine-api';
import {
  absorbFrame,
  dominantEmotion,
  isStill,
  livenessVerdict,
  newIdentity,
  smoothedAgeBand,
  smoothedGender,
} from './track-identity';

function face(thumbValue: number, over: Partial<FaceResult['attributes']> = {}): FaceResult {
  const thumbnail = new Uint8Array(256).fill(thumbValue);
  return {
    box: { x: 0, y: 0, width: 10, height: 10 },
    score: 1,
    keypoints: [],
    quality: { eyeDistance: 40, sharpness: 100, yaw: 0, pitch: 0, roll: 0, eyesVisible: true },
    attributes: { liveness: { score: 0.9, live: true }, ...over },
    thumbnail,
  };
}

describe('track identity', () => {
  it('flags a picture that never changes as a still image, whatever the model says', () => {
    const id = newIdentity();
    for (let t = 0; t <= 2000; t += 200) absorbFrame(id, face(100), t);
    expect(isStill(id)).toBe(true);
    expect(livenessVerdict(id, 0.5)).toEqual({ live: false, reason: 'still-image' });
  });

  it('still judges a picture that never changes when frames come seconds apart (a slow device)', () => {
    const id = newIdentity();
    for (let t = 0; t <= 12_000; t += 3000) absorbFrame(id, face(100), t);
    expect(isStill(id)).toBe(true);
    expect(livenessVerdict(id, 0.5)).toEqual({ live: false, reason: 'still-image' });
  });

  it('accepts a moving face with a good model score, and waits for evidence first', () => {
    const id = newIdentity();
    absorbFrame(id, face(100), 0);
    expect(livenessVerdict(id, 0.5).live).toBeUndefined();
    for (let t = 200; t <= 2000; t += 200) absorbFrame(id, face(100 + (t / 200) * 3), t);
    expect(livenessVerdict(id, 0.5)).toEqual({ live: true, reason: 'ok' });
  });

  it('flags a moving face the model rejects', () => {
    const id = newIdentity();
    for (let t = 0; t <= 2000; t += 200) absorbFrame(id, face(t / 10, { liveness: { score: 0.1, live: false } }), t);
    expect(livenessVerdict(id, 0.5)).toEqual({ live: false, reason: 'model' });
  });

  it('smooths age, gender and emotion over frames', () => {
    const id = newIdentity();
    const scores = { angry: 0, disgust: 0, fear: 0, happy: 0.9, sad: 0, surprise: 0, neutral: 0.1 };
    absorbFrame(
      id,
      face(1, {
        age: { years: 30, band: '30-39' },
        gender: { label: 'female', confidence: 0.9 },
        emotion: { dominant: 'happy', scores },
      }),
      0,
    );
    absorbFrame(id, face(2, { age: { years: 40, band: '40-49' }, gender: { label: 'male', confidence: 0.6 } }), 100);
    expect(smoothedAgeBand(id)).toBe('30-39');
    expect(smoothedGender(id)).toBe('female');
    expect(dominantEmotion(id)?.emotion).toBe('happy');
  });
});
