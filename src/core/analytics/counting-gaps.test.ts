import { describe, expect, it } from 'vitest';
import { COUNTING_GAP_MS, CountingGaps, gapsInRange } from './counting-gaps';

describe('CountingGaps', () => {
  it('finds no gap while frames come, even idle ones seconds apart', () => {
    const g = new CountingGaps(undefined);
    for (let t = 0; t < 600_000; t += 2500) expect(g.counted(t)).toBeUndefined();
  });

  it('reports a silence longer than the gap as a gap when counting resumes, and one going on', () => {
    const g = new CountingGaps(undefined);
    g.counted(1000);
    expect(g.ongoing(1000 + COUNTING_GAP_MS + 1)).toEqual([1000, 1000 + COUNTING_GAP_MS + 1]);
    expect(g.counted(200_000)).toEqual([1000, 200_000]);
    expect(g.ongoing(201_000)).toBeUndefined();
  });

  it('is not fooled by the tablet clock being set while it counts', () => {
    const g = new CountingGaps(undefined);
    g.counted(1_000_000, 10_000);
    // The clock is put a day forward between two frames a second apart.
    expect(g.counted(1_000_000 + 86_400_000, 11_000)).toBeUndefined();
    // Two minutes of real silence are a gap, ending now.
    expect(g.counted(1_000_000 + 86_400_000 + 120_000, 131_000)).toEqual([
      1_000_000 + 86_400_000,
      1_000_000 + 86_400_000 + 120_000,
    ]);
  });

  it('carries the last counted moment over a reload', () => {
    const g = new CountingGaps(50_000);
    expect(g.counted(500_000)).toEqual([50_000, 500_000]);
  });
});

describe('gapsInRange', () => {
  it('clips, merges overlapping gaps and orders them', () => {
    expect(
      gapsInRange(
        [
          [500, 900],
          [100, 300],
          [250, 400],
          [950, 2000],
        ],
        200,
        1000,
      ),
    ).toEqual([
      [200, 400],
      [500, 900],
      [950, 1000],
    ]);
  });
});
