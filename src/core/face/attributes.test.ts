import { describe, expect, it } from 'vitest';
import { ageBand, emotionScores, genderFrom } from './attributes';

describe('attributes', () => {
  it('bands ages like the UTKFace labels', () => {
    expect([0, 2.9, 3, 9.5, 10, 19.9, 20, 45, 69.9, 70, 101].map(ageBand)).toEqual([
      '0-2',
      '0-2',
      '3-9',
      '3-9',
      '10-19',
      '10-19',
      '20-29',
      '40-49',
      '60-69',
      '70+',
      '70+',
    ]);
  });
  it('maps face-api expression order onto ours and picks the dominant one', () => {
    const r = emotionScores([0.1, 0.05, 0.6, 0.05, 0.1, 0.05, 0.05]);
    expect(r.dominant).toBe('sad');
    expect(r.scores.fear).toBe(0.1);
    expect(r.scores.surprise).toBe(0.05);
  });
  it('reports gender with the confidence of the chosen label', () => {
    expect(genderFrom(0.8)).toEqual({ label: 'male', confidence: 0.8 });
    expect(genderFrom(0.25)).toEqual({ label: 'female', confidence: 0.75 });
  });
});
