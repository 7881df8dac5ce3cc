// npm run tune -- gender --labels FILE --features FILE[,FILE…] [--out FILE]
// Chooses the age/gender chip (crop geometry, mirror averaging) and the band of "not estimated" around one half on
// the tuning folder's gender labels (lfw-tune/gender.tsv), from engine outputs cached by
// `npm run eval -- features --embedding false --ageZoom Z --ageShiftY S --ageFlip 0|1` (one file per candidate).
// A photo without a face counts as an error.
import { frameTraits, genderEstimate } from '../../src/core/face/attribute-estimates';
import { flag, loadFeatures, readTsv, writeOutput } from './cache';

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const labels = new Map(readTsv(flag('labels')).map((r) => [r.image ?? '', r.gender]));

/** Per labelled photo: the subject's probability of being male (undefined: no face), and the truth. */
function outcomes(file: string) {
  const { images, engineArgs } = loadFeatures(file);
  const rows = images.flatMap((i) => {
    const truth = labels.get(i.path);
    return truth ? [{ male: i.subject?.male, truth }] : [];
  });
  return { engineArgs, rows };
}

const candidates = flag('features')
  .split(',')
  .map((file) => {
    const { engineArgs, rows } = outcomes(file);
    const right = rows.filter((r) => r.male !== undefined && r.male > 0.5 === (r.truth === 'male')).length;
    return { file, engineArgs, photos: rows.length, accuracy: round(right / rows.length), rows };
  });
const best = candidates.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));

// The band: how often photos whose probability lies within `band` of one half are named right.
const bands = [0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2].map((band) => {
  const inside = best.rows.filter((r) => r.male !== undefined && Math.abs(r.male - 0.5) < band);
  const right = inside.filter((r) => (r.male as number) > 0.5 === (r.truth === 'male')).length;
  // The app's own estimate with this band; "not estimated" counts as an error.
  const estimated = best.rows.filter((r) => {
    const g = r.male === undefined ? undefined : genderEstimateWith(r.male, band);
    return g === r.truth;
  }).length;
  return {
    band,
    photos_inside: inside.length,
    accuracy_inside: inside.length ? round(right / inside.length) : null,
    accuracy_abstaining_counted_wrong: round(estimated / best.rows.length),
  };
});

/** genderEstimate's rule with another band (the shipped one is GENDER_UNSURE_BAND). */
function genderEstimateWith(male: number, band: number) {
  if (Math.abs(male - 0.5) < band) return undefined;
  return male > 0.5 ? 'male' : 'female';
}

// The widest band inside which photos were named right no more often than 60 % of the time: a coin toss.
const COIN_TOSS = 0.6;
const chosenBand = bands.filter((b) => b.accuracy_inside !== null && b.accuracy_inside <= COIN_TOSS).at(-1)?.band ?? 0;
const shipped = best.rows.filter(
  (r) => r.male !== undefined && genderEstimate(frameTraits(r.male, undefined)) === r.truth,
);

const out = writeOutput(flag('out', ''), {
  tuner: 'gender',
  candidates: candidates.map(({ rows: _rows, ...c }) => c),
  best: { file: best.file, engineArgs: best.engineArgs, accuracy: best.accuracy },
  bands,
  rule: `widest band with accuracy_inside <= ${COIN_TOSS}`,
  chosen_band: chosenBand,
  shipped_estimate_accuracy: round(shipped.length / best.rows.length),
});
console.log(JSON.stringify(out));
