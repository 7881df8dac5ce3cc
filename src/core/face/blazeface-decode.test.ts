import { describe, expect, it } from 'vitest';
import { BLAZEFACE_ROW, blazeFaceAnchors, decodeCandidates, iou, weightedNms } from './blazeface-decode';

describe('blazeFaceAnchors', () => {
  it('lays out 896 anchors for a 256 input (512 at stride 16, 384 at stride 32)', () => {
    const a = blazeFaceAnchors(256);
    expect(a.length / 2).toBe(896);
    expect([a[0], a[1]]).toEqual([8, 8]);
    expect([a[2], a[3]]).toEqual([8, 8]);
    expect([a[1024], a[1025]]).toEqual([16, 16]);
  });
  it('lays out 896 anchors for a 128 input too', () => {
    expect(blazeFaceAnchors(128).length / 2).toBe(896);
  });
});

describe('decodeCandidates + weightedNms', () => {
  it('decodes offsets relative to anchors and merges overlapping candidates', () => {
    const anchors = new Float32Array([100, 100, 104, 100, 300, 300]);
    const raw = new Float32Array(3 * BLAZEFACE_ROW);
    const put = (i: number, logit: number, dx: number, w: number) => {
      raw[i * BLAZEFACE_ROW] = logit;
      raw[i * BLAZEFACE_ROW + 1] = dx;
      raw[i * BLAZEFACE_ROW + 3] = w;
      raw[i * BLAZEFACE_ROW + 4] = w;
      raw[i * BLAZEFACE_ROW + 5] = -10; // right eye x offset
    };
    put(0, 3, 0, 40); // score 0.95 centred at 100,100
    put(1, 1, -4, 40); // score 0.73 centred at 100,100 as well
    put(2, -5, 0, 40); // score 0.007: dropped
    const c = decodeCandidates(raw, anchors, 0.5);
    expect(c).toHaveLength(2);
    expect(c[0]).toMatchObject({ x: 80, y: 80, width: 40, height: 40 });
    expect(c[0]?.keypoints[0]).toEqual({ x: 90, y: 100 });
    expect(c[1]?.keypoints[0]).toEqual({ x: 94, y: 100 });
    const merged = weightedNms(c, 0.3, 10);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.x).toBeCloseTo(80, 5);
    // Keypoints are the score-weighted mean of the group.
    const s0 = c[0]?.score ?? 0;
    const s1 = c[1]?.score ?? 0;
    expect(merged[0]?.keypoints[0]?.x).toBeCloseTo((90 * s0 + 94 * s1) / (s0 + s1), 5);
  });

  it('keeps separate faces apart and caps the count', () => {
    const d = (x: number, score: number) => ({ x, y: 0, width: 10, height: 10, score, keypoints: [] });
    expect(weightedNms([d(0, 0.9), d(50, 0.8), d(100, 0.7)], 0.3, 2).map((r) => r.x)).toEqual([0, 50]);
    expect(iou(d(0, 1), d(5, 1))).toBeCloseTo(50 / 150, 6);
  });
});
