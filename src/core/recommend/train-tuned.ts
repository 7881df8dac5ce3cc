// A whole training as the app, the demo shop and `npm run eval -- recommend` run it: tune on the shop's own
// recent sales (tuner.ts), then retrain on all baskets with the winner. One progress scale covers both steps,
// and one cancel check stops either (the previous model then stays in use).
import { buildRecommender, type BuildProgress, type BuiltRecommender } from './build';
import type { HybridSettings } from './hybrid';
import { TUNER_DEFAULTS, tuneRecommender, type TunerOptions, type TuningReport } from './tuner';
import type { Basket } from './vocab';

export interface TrainingProgress {
  readonly step: 'tuning' | 'training';
  readonly phase: BuildProgress['phase'] | 'validation';
  /** 0..1 over the whole training (tuning and the final model). */
  readonly overall: number;
}

export interface TunedModel {
  readonly built: BuiltRecommender;
  readonly tuning: TuningReport;
  readonly seconds: number;
}

/**
 * Tune, then build the chosen model on all `baskets` (oldest first). `base` supplies item2vec's
 * hyper-parameters; `shouldStop` cancels with an AbortError.
 */
export function trainTuned(
  baskets: readonly Basket[],
  base: HybridSettings,
  callbacks: { onProgress?: (p: TrainingProgress) => void; shouldStop?: () => boolean } = {},
  options: TunerOptions = TUNER_DEFAULTS,
): TunedModel {
  const started = performance.now();
  const report = (p: TrainingProgress) => callbacks.onProgress?.(p);
  // Rough shares of the time: item2vec dominates wherever it runs (tuning always tries it when it is on; the
  // final model trains it again only if it won).
  const tuningShare = base.vectors.enabled ? 0.55 : 0.8;
  const tuning = tuneRecommender(baskets, base, options, {
    onProgress: (fraction, phase) => report({ step: 'tuning', phase, overall: tuningShare * fraction }),
    ...(callbacks.shouldStop ? { shouldStop: callbacks.shouldStop } : {}),
  });
  const built = buildRecommender(baskets, tuning.settings, {
    onProgress: () => (callbacks.shouldStop?.() ? false : undefined),
    onPhase: (p) =>
      report({
        step: 'training',
        phase: p.phase,
        overall: p.phase === 'done' ? 1 : tuningShare + (1 - tuningShare) * (p.phase === 'item2vec' ? p.fraction : 0),
      }),
  });
  return { built, tuning, seconds: (performance.now() - started) / 1000 };
}
