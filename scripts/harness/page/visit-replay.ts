// A day of visits replayed through the app's own counter session (tracker, visit evidence, visitor registry),
// for `npm run eval -- visitors` (engine outputs computed in the browser) and for choosing the visitor policy
// in Node (scripts/tune/visitors.ts, the same outputs cached). Each visit's photos stand for what the camera saw
// of the person while they stood at the counter: frames come at 10 per second for VISIT_SECONDS, showing the
// visit's photos in turn (a person turning a little between two looks), then nobody until their track has
// ended. Only the photo's subject is shown (the face nearest its centre): other people in the background of a
// press photo were not at the counter. Visits are spread evenly over a shop day.
import { CounterSession, type VisitSummary } from '../../../src/app/counter/counter-session';
import type { IdentityGate } from '../../../src/core/counter/visit-evidence';
import { PRESENTATION_SETTINGS } from '../../../src/core/liveness/defaults';
import type { VisitorRegistry } from '../../../src/core/tracking/visitors';
import type { AnalyzeResult, FaceResult } from '../../../src/shared/face-engine-api';

export interface ReplayVisit {
  readonly person: string;
  /** The subject's face in each photo of the visit (undefined where no face was found). */
  readonly faces: readonly (FaceResult | undefined)[];
}

export interface ReplayedVisit {
  readonly person: string;
  /** The visitor number recorded for the visit (undefined: no visit was recorded). */
  readonly visitorId: number | undefined;
  readonly summary: VisitSummary | undefined;
  /** Tracks the counter recorded for the visit (more than one: the person's track was lost and restarted). */
  readonly tracks: number;
}

const FRAME_MS = 100;
export const VISIT_SECONDS = 4;
/** Longer than the tracker's grace period, so each visit's track ends before the next visit. */
const GONE_SECONDS = 3;
const DAY_START = new Date(2026, 10, 30, 9).getTime();
const DAY_LENGTH = 10 * 3600_000;

export function replayVisits(
  visits: readonly ReplayVisit[],
  registry: VisitorRegistry,
  options: { identityGate?: IdentityGate } = {},
): ReplayedVisit[] {
  let now = 0;
  let wall = DAY_START;
  const recorded: VisitSummary[] = [];
  const session = new CounterSession({
    engine: { analyze: () => Promise.reject(new Error('replayed frames are ingested directly')) },
    gallery: () => undefined,
    policy: () => ({ threshold: 1, margin: 0 }),
    // Replayed photos carry no landmarks: the presentation check never decides, and nothing here depends on it.
    presentation: PRESENTATION_SETTINGS,
    attributes: () => ({ age: true, gender: true, emotion: false }),
    visitors: registry,
    onVisit: (v) => recorded.push(v),
    now: () => now,
    clock: () => wall,
    ...options,
  });
  const frame = (faces: readonly FaceResult[]): AnalyzeResult => ({
    faces,
    frameWidth: 250,
    frameHeight: 250,
    timings: {},
    backend: 'wasm',
  });
  const out: ReplayedVisit[] = [];
  visits.forEach((visit, i) => {
    const start = DAY_START + Math.round((i * DAY_LENGTH) / visits.length);
    now += start - wall;
    wall = start;
    const before = recorded.length;
    const frames = (VISIT_SECONDS * 1000) / FRAME_MS;
    for (let k = 0; k < frames + (GONE_SECONDS * 1000) / FRAME_MS; k++) {
      const face = k < frames ? visit.faces[k % visit.faces.length] : undefined;
      session.ingest(frame(face ? [face] : []), now, now);
      now += FRAME_MS;
      wall += FRAME_MS;
    }
    const mine = recorded.slice(before);
    const summary = mine.find((v) => v.visitorId !== undefined) ?? mine[0];
    out.push({ person: visit.person, visitorId: summary?.visitorId, summary, tracks: mine.length });
  });
  return out;
}
