// The recommendation model in use, in a shop owner's words: how suggestions are made (the tuner's choice), how
// well that did on the shop's own recent sales next to plain best sellers, and what it learned from and when.
import type { TuningReport } from '../../core/recommend/tuner';
import { dateFormat, numberFormat } from '../../i18n/formats';
import { strings } from '../../i18n/strings';

export interface ModelInfo {
  readonly trainedAt: number;
  readonly baskets: number;
  readonly tuning: TuningReport | undefined;
}

export interface ModelDescription {
  /** How suggestions are made. */
  readonly method: string | undefined;
  /** How that was checked on the shop's own sales, or why it could not be. */
  readonly check: string;
  /** What the model was learned from, and when. */
  readonly learned: string;
}

export function describeModel(info: ModelInfo): ModelDescription {
  const t = strings.products.model;
  const percent = numberFormat({ style: 'percent', maximumFractionDigits: 0 });
  const dateTime = dateFormat({ dateStyle: 'medium', timeStyle: 'short' });
  const learned = t.learned(info.baskets, dateTime.format(info.trainedAt));
  const tuning = info.tuning;
  if (!tuning) return { method: undefined, check: t.beforeTuning, learned };
  const vectors = tuning.chosen.endsWith('+vectors');
  const base = tuning.chosen.replace(/\+vectors$/, '');
  const method = [t.method[base], vectors ? t.vectors : ''].filter(Boolean).join(' ');
  const check =
    tuning.mode === 'validated' && tuning.validationHr !== undefined && tuning.popularityHr !== undefined
      ? t.checked(tuning.heldBaskets, percent.format(tuning.validationHr), percent.format(tuning.popularityHr))
      : t.tooSmall(tuning.baskets);
  return { method, check, learned };
}
