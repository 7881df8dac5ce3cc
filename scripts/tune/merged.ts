// npm run tune -- merged --features FILE [--out FILE]
// How members merged from two records are named: a measurement, not a choice (it sets nothing). On the tuning
// folder's open-set split (see open-set.ts), members are paired at random and one of each pair is merged into
// the other, as Members › Merge does. The pairs are different people, the hardest case: a real duplicate is one
// person, perhaps enrolled under two looks. Both people's probes should then name the kept member. Scored at the
// shipped policy with the gallery's capture sets (one mean per merged record) and pooled (one mean per member, as
// before capture sets), against the same split unmerged.
import { PHOTO_RULES } from '../../src/core/members/enrolment';
import { CENTROID_WEIGHT, decide } from '../../src/core/recognition/gallery';
import { policyForStrictness } from '../../src/core/recognition/strictness';
import { Rng } from '../../src/core/random/prng';
import { DEFAULT_SETTINGS } from '../../src/core/settings/settings';
import { flag, loadFeatures, writeOutput } from './cache';
import { type OpenSetRun, openSet, scorePolicy, splitPeople } from './open-set';

const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
const { images, engineArgs } = loadFeatures(flag('features'));
const split = splitPeople(images);
const shipped = policyForStrictness(DEFAULT_SETTINGS.strictness);
const DRAWS = 10;

/** Share of the probes of `truths` named as their truth at the shipped policy. */
function namedRate(run: OpenSetRun, truths: ReadonlySet<string>) {
  const probes = run.probes.filter((p) => truths.has(p.truth));
  return probes.filter((p) => decide(p.matches[0], p.matches[1], shipped) === p.truth).length / probes.length;
}

const rng = new Rng(20);
const rows = Array.from({ length: DRAWS }, () => {
  const order = rng.shuffle([...split.members]);
  // Half of the members take part: pairs (kept, merged in) from the first half of the shuffle.
  const pairs = Array.from({ length: Math.floor(order.length / 4) }, (_, i) => [order[2 * i], order[2 * i + 1]]);
  const mergedInto = new Map(pairs.map(([kept, absorbed]) => [absorbed as string, kept as string]));
  const keptIds = new Set(pairs.map(([kept]) => kept as string));
  const runs = {
    unmerged: openSet(split, split.members, PHOTO_RULES, CENTROID_WEIGHT),
    capture_sets: openSet(split, split.members, PHOTO_RULES, CENTROID_WEIGHT, { mergedInto }),
    pooled: openSet(split, split.members, PHOTO_RULES, CENTROID_WEIGHT, { mergedInto, pooled: true }),
  };
  // Unmerged, the same people's probes count when they name their own record.
  const involved = new Set([...keptIds, ...mergedInto.keys()]);
  const row = (run: OpenSetRun, truths: ReadonlySet<string>) => ({
    ...scorePolicy(run, shipped.threshold, shipped.margin),
    merged_probes_named: namedRate(run, truths),
  });
  return {
    unmerged: row(runs.unmerged, involved),
    capture_sets: row(runs.capture_sets, keptIds),
    pooled: row(runs.pooled, keptIds),
  };
});

type Way = keyof (typeof rows)[number];
type Figure = keyof (typeof rows)[number][Way];
const mean = (way: Way, figure: Figure) => round(rows.reduce((s, r) => s + r[way][figure], 0) / rows.length);
const summary = Object.fromEntries(
  (['unmerged', 'capture_sets', 'pooled'] as const).map((way) => [
    way,
    {
      merged_probes_named: mean(way, 'merged_probes_named'),
      correct_name_rate: mean(way, 'correct_name_rate'),
      fpir: mean(way, 'fpir'),
    },
  ]),
);
const out = writeOutput(flag('out', ''), {
  tuner: 'merged',
  features_engine_args: engineArgs,
  members: split.members.length,
  pairs_per_draw: Math.floor(split.members.length / 4),
  draws: DRAWS,
  shipped_policy: { threshold: round(shipped.threshold), margin: shipped.margin },
  centroid_weight: CENTROID_WEIGHT,
  summary,
});
console.log(JSON.stringify(out));
