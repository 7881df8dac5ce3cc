// `npm run eval -- visitors`: a day of anonymous visits (nobody enrolled) through the app's own engine, counter
// session and visitor registry, set up as the app sets them up (src/app/services.ts), scored against who
// really came (core/eval/visitor-counting.ts).
import { scoreVisitorCounting } from '../../../src/core/eval/visitor-counting';
import { VISITOR_POLICY } from '../../../src/core/recognition/defaults';
import { falseMatchRate } from '../../../src/core/recognition/strictness';
import { DEFAULT_SETTINGS } from '../../../src/core/settings/settings';
import { VisitorRegistry } from '../../../src/core/tracking/visitors';
import { analyzeAll } from './face-tasks';
import type { Task } from './harness';
import { VISIT_SECONDS, replayVisits } from './visit-replay';

interface VisitArg {
  readonly person: string;
  /** Image URLs seen during the visit. */
  readonly images: readonly string[];
}

export const visitors: Task = async (ctx) => {
  const visits = ctx.args.visits as VisitArg[];
  const face = await ctx.face();
  const urls = [...new Set(visits.flatMap((v) => v.images))];
  const subjects = await analyzeAll(
    face,
    ctx,
    urls.map((url) => ({ url })),
    { embedding: true, age: true, gender: true, maxFaces: 5 },
  );
  const registry = new VisitorRegistry(VISITOR_POLICY, falseMatchRate, DEFAULT_SETTINGS.retentionHours * 3600_000);
  const replayed = replayVisits(
    visits.map((v) => ({ person: v.person, faces: v.images.map((url) => subjects.get(url)) })),
    registry,
  );
  return {
    task: 'visitors',
    ...scoreVisitorCounting(replayed),
    images: urls.length,
    images_no_face: [...subjects.values()].filter((f) => !f).length,
    visits_with_several_tracks: replayed.filter((v) => v.tracks > 1).length,
    policy: VISITOR_POLICY,
    final_threshold: registry.threshold,
    visitors_stored: registry.visitors.length,
    replay: `each visit ${VISIT_SECONDS} s at 10 frames/s showing its photos in turn (subject only), visits spread over a 10-hour day`,
    backend: face.info.backend,
  };
};
