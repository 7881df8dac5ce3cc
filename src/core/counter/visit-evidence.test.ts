import { describe, expect, it } from 'vitest';
import type { FaceQuality } from '../face/face-result';
import {
  IDENTITY_GATE,
  POOR_FRAME_WEIGHT,
  VISITOR_DECISION,
  addEvidence,
  evidenceMean,
  newEvidence,
  readyForVisitorDecision,
  usableForIdentity,
} from './visit-evidence';

const quality = (q: Partial<FaceQuality> = {}): FaceQuality => ({
  eyeDistance: 40,
  sharpness: 100,
  yaw: 0,
  pitch: 0,
  roll: 0,
  eyesVisible: true,
  ...q,
});

describe('visit evidence', () => {
  it('gates frames on face size and head turn', () => {
    expect(usableForIdentity(quality())).toBe(true);
    expect(usableForIdentity(quality({ eyeDistance: IDENTITY_GATE.minEyeDistance - 1 }))).toBe(false);
    expect(usableForIdentity(quality({ yaw: -(IDENTITY_GATE.maxYaw + 1) }))).toBe(false);
  });

  it('averages the good frames, and poor frames count only when there is nothing better', () => {
    const e = newEvidence();
    addEvidence(e, Float32Array.from([0, 1]), 0, false);
    // A turned face alone still says something.
    expect(Array.from(evidenceMean(e) ?? [])).toEqual([0, 1]);
    expect(e.frames).toBe(0);
    addEvidence(e, Float32Array.from([1, 0]), 100, true);
    addEvidence(e, Float32Array.from([1, 0]), 200, true);
    const mean = evidenceMean(e) ?? new Float32Array(2);
    expect(mean[1] ?? 0).toBeCloseTo(POOR_FRAME_WEIGHT / 2, 3);
    expect(Math.hypot(...mean)).toBeCloseTo(1, 6);
    expect(e).toMatchObject({ frames: 2, firstAt: 100, lastAt: 200 });
  });

  it('decides a visitor only after several good frames spread over a while', () => {
    const e = newEvidence();
    const v = Float32Array.from([1, 0]);
    for (let i = 0; i < VISITOR_DECISION.frames; i++) addEvidence(e, v, i * 10, true);
    // Enough frames, but all within a moment.
    expect(readyForVisitorDecision(e)).toBe(false);
    addEvidence(e, v, VISITOR_DECISION.spanMs, true);
    expect(readyForVisitorDecision(e)).toBe(true);
    const sparse = newEvidence();
    addEvidence(sparse, v, 0, true);
    addEvidence(sparse, v, 5000, true);
    expect(readyForVisitorDecision(sparse)).toBe(VISITOR_DECISION.frames <= 2);
  });
});
