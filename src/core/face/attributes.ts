// Turning raw model outputs into what staff see: age bands, gender with confidence, the dominant emotion.
import { EMOTIONS, type Emotion } from './face-result';

/** Age bands, matching those of the UTKFace labels the estimates are evaluated on. */
export const AGE_BANDS = ['0-2', '3-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export function ageBand(years: number): AgeBand {
  if (years < 3) return '0-2';
  if (years < 10) return '3-9';
  if (years >= 70) return '70+';
  return AGE_BANDS[Math.floor(years / 10) + 1] as AgeBand;
}

/** face-api's expression classes, in its output order, mapped onto ours. */
const FACE_API_ORDER: readonly Emotion[] = ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust', 'surprise'];

export function emotionScores(probabilities: ArrayLike<number>): {
  dominant: Emotion;
  scores: Record<Emotion, number>;
} {
  const scores = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;
  let dominant: Emotion = 'neutral';
  FACE_API_ORDER.forEach((emotion, i) => {
    scores[emotion] = probabilities[i] ?? 0;
    if (scores[emotion] > scores[dominant]) dominant = emotion;
  });
  return { dominant, scores };
}

export function genderFrom(maleProbability: number): { label: 'female' | 'male'; confidence: number } {
  return maleProbability >= 0.5
    ? { label: 'male', confidence: maleProbability }
    : { label: 'female', confidence: 1 - maleProbability };
}
