// Real people in photos shipped with npm packages, for tests that need faces:
// - FACEMATCH: @vladmandic/human's facematch screenshot shows, in its first row of results, eight different
//   photos of one man (checked by eye, 2026-11-22): tiles 0..7, each a ~104 px face crop.
// - SAMPLES: @vladmandic/face-api's demo group photos (other people).
import type { Shot } from './clips';

const FACEMATCH = '@vladmandic/human/assets/screenshot-facematch.jpg';
const TILE = 106.6;

/** Photo `k` (0..7) of the man in the facematch screenshot, drawn at `at` in the frame. */
export function facematchMan(k: number, at = { x: 0.3, y: 0.2, width: 0.4, height: 0.55 }): Shot {
  return { image: FACEMATCH, crop: { x: Math.round(k * TILE), y: 284, width: 104, height: 104 }, at };
}

/** Faces from face-api's demo photos (boxes in source pixels, found by the engine and checked by eye). */
export const SAMPLE_PEOPLE = {
  /** sample1.jpg, the woman on the right (blonde, long hair). */
  blonde: { image: '@vladmandic/face-api/demo/sample1.jpg', crop: { x: 1380, y: 140, width: 420, height: 480 } },
  /** sample6.jpg, the second woman from the left. */
  brunette: { image: '@vladmandic/face-api/demo/sample6.jpg', crop: { x: 560, y: 280, width: 430, height: 480 } },
} as const;

export function samplePerson(
  who: keyof typeof SAMPLE_PEOPLE,
  at = { x: 0.32, y: 0.12, width: 0.36, height: 0.6 },
): Shot {
  return { ...SAMPLE_PEOPLE[who], at };
}
