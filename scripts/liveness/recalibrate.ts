// Recalibrates the presentation-attack check from the evidence a liveness evaluation recorded, with the app's own
// calibration code (src/core/eval/presentation-attack.ts), without playing the captures again. The evidence at
// each verdict does not depend on the weights or the threshold (verdicts are recorded whatever they decide), so
// this is the same procedure as `npm run eval -- liveness … --calibrate`, over the same captures.
//   node scripts/recommend/run-ts.mjs scripts/liveness/recalibrate.ts FILE.json --subject-pattern RE [--window N]
// Prints one JSON object: the chosen settings, their APCER/BPCER, and leave-one-subject-out.
import { readFileSync } from 'node:fs';
import { calibrate, type CaptureEvidence, leaveOneGroupOut, rates } from '../../src/core/eval/presentation-attack';
import { PRESENTATION_SETTINGS } from '../../src/core/liveness/defaults';

interface RecordedCapture {
  readonly label: 'real' | 'attack';
  readonly name: string;
  readonly samples: number;
  readonly evidence: readonly { non_planar: number; plane_gain: number; model: number | null }[];
}

const args = process.argv.slice(2);
const file = args[0];
const patternAt = args.indexOf('--subject-pattern');
const windowAt = args.indexOf('--window');
if (!file || patternAt < 0) throw new Error('usage: recalibrate.ts FILE.json --subject-pattern RE [--window N]');
const pattern = new RegExp(args[patternAt + 1] as string);
const window = windowAt >= 0 ? Number(args[windowAt + 1]) : PRESENTATION_SETTINGS.window;
const recorded = JSON.parse(readFileSync(file, 'utf8')) as {
  per_capture: RecordedCapture[];
  calibration: { max_bpcer: number; grid: { planeWeight: number; modelWeight: number }[] };
};
const captures: CaptureEvidence[] = recorded.per_capture.map((c) => ({
  label: c.label,
  group: pattern.exec(c.name)?.[1] ?? c.name,
  evidence: c.evidence.map((e) => ({ nonPlanar: e.non_planar, planeGain: e.plane_gain, model: e.model ?? undefined })),
  complete: c.samples >= window,
}));
const { max_bpcer: maxBpcer, grid } = recorded.calibration;
const chosen = calibrate(captures, grid, maxBpcer);
const loso = leaveOneGroupOut(captures, grid, maxBpcer);
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const undecidedAttacks = captures.filter((c) => c.label === 'attack' && !c.complete && c.evidence.length).length;
console.log(
  JSON.stringify({
    task: 'liveness-recalibrate',
    source: file,
    captures: {
      real: captures.filter((c) => c.label === 'real').length,
      attack: captures.filter((c) => c.label === 'attack').length,
    },
    attacks_cut_short: undecidedAttacks,
    max_bpcer: maxBpcer,
    chosen: { ...chosen, threshold: round(chosen.threshold), apcer: round(chosen.apcer), bpcer: round(chosen.bpcer) },
    per_weight: grid.map((w) => {
      const c = calibrate(captures, [w], maxBpcer);
      return { ...w, threshold: round(c.threshold), ...rates(captures, w, c.threshold) };
    }),
    loso_apcer: round(loso.apcer),
    loso_bpcer: round(loso.bpcer),
    loso_folds: loso.folds.map((f) => ({
      group: f.group,
      chosen: { ...f.chosen, threshold: round(f.chosen.threshold) },
      attacks_accepted: f.accepted,
      reals_rejected: f.rejected,
    })),
  }),
);
