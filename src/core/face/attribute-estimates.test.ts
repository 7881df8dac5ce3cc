import { describe, expect, it } from 'vitest';
import {
  GENDER_UNSURE_BAND,
  NO_TRAITS,
  addTraits,
  ageBandEstimate,
  frameTraits,
  genderEstimate,
} from './attribute-estimates';

const frames = (...males: number[]) => males.map((m) => frameTraits(m, 30)).reduce(addTraits, NO_TRAITS);

describe('attribute estimates', () => {
  it('names a gender from the mean of every frame, and none when it is close to a coin toss', () => {
    expect(genderEstimate(frames(0.9, 0.8, 0.95))).toBe('male');
    expect(genderEstimate(frames(0.1, 0.3))).toBe('female');
    expect(genderEstimate(frames(0.5 + GENDER_UNSURE_BAND / 2))).toBeUndefined();
    // One confident frame does not outvote many opposite ones.
    expect(genderEstimate(frames(0.99, 0.2, 0.25, 0.3, 0.2))).toBe('female');
    expect(genderEstimate(NO_TRAITS)).toBeUndefined();
  });

  it('adds up visits: a returning visitor is judged on all their frames', () => {
    const firstVisit = frames(0.45, 0.55, 0.62); // on its own: not estimated
    expect(genderEstimate(firstVisit)).toBeUndefined();
    const both = addTraits(firstVisit, frames(0.9, 0.95, 0.9));
    expect(genderEstimate(both)).toBe('male');
    expect(both.genderFrames).toBe(6);
  });

  it('bands the mean age', () => {
    const t = addTraits(frameTraits(undefined, 28), frameTraits(undefined, 34));
    expect(ageBandEstimate(t)).toBe('30-39');
    expect(t.genderFrames).toBe(0);
    expect(ageBandEstimate(NO_TRAITS)).toBeUndefined();
  });
});
