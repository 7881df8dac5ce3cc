// `npm run eval -- liveness`: the presentation-attack check, run as the counter runs it. Each capture's frames
// (in name order) are analysed by the app's face worker with the options the counter session asks for, and fed
// to a CounterSession as consecutive frames of one camera, `frameMs` apart: the capture's decision is the one the
// counter makes for the track of its subject (the largest face). The single-frame decision is the models' score
// of the subject in each frame on its own. Folders of live video frames (`videos`) are played the same way, and
// every face track of at least MIN_VIDEO_TRACK_FRAMES frames is counted. With `calibrate`, the settings are
// chosen on these captures (core/eval/presentation-attack) and checked leave-one-subject-out.
import { CounterSession } from '../../../src/app/counter/counter-session';
import type { TrackIdentity } from '../../../src/core/counter/track-identity';
import {
  type CaptureEvidence,
  type Weights,
  calibrate,
  leaveOneGroupOut,
  rates,
} from '../../../src/core/eval/presentation-attack';
import { FRAME_LIVENESS_THRESHOLD, PRESENTATION_SETTINGS } from '../../../src/core/liveness/defaults';
import { presentationLive } from '../../../src/core/liveness/presentation-check';
import { IDLE_PACING } from '../../../src/core/counter/idle-pacing';
import { VISITOR_POLICY } from '../../../src/core/recognition/defaults';
import { falseMatchRate, policyForStrictness } from '../../../src/core/recognition/strictness';
import { VisitorRegistry } from '../../../src/core/tracking/visitors';
import type { FaceResult } from '../../../src/shared/face-engine-api';
import type { FaceContext, HarnessContext, Task } from './harness';

interface CaptureArg {
  readonly label: 'real' | 'attack';
  readonly name: string;
  readonly group: string;
  readonly frames: readonly string[];
}

interface VideoArg {
  readonly name: string;
  readonly frames: readonly string[];
}

const MIN_VIDEO_TRACK_FRAMES = 10;
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;

function counterSession(face: FaceContext): CounterSession {
  return new CounterSession({
    engine: face.engine,
    gallery: () => undefined,
    policy: () => policyForStrictness(0.5),
    presentation: PRESENTATION_SETTINGS,
    attributes: () => ({ age: false, gender: false, emotion: false }),
    visitors: new VisitorRegistry(VISITOR_POLICY, falseMatchRate, 3600_000),
    onVisit: () => undefined,
    // Recorded frames, each analysed in full: the live counter's idle pacing (fewer, detector-only frames while
    // nobody is in view) is about a camera's frame rate, not about what a frame shows.
    pacing: { ...IDLE_PACING, idleAfterMs: Number.POSITIVE_INFINITY },
  });
}

interface Played {
  /** Every track seen: its identity (with the presentation check's state) and how many frames showed it. */
  readonly tracks: Map<number, { identity: TrackIdentity; frames: number }>;
  /** The track that was the largest face in most frames. */
  readonly subject: number | undefined;
  /** The largest face of each frame (undefined = no face). */
  readonly largest: (FaceResult | undefined)[];
}

/** Feeds `frames` to a fresh counter session, `frameMs` apart, as the counter's camera would. */
async function play(face: FaceContext, frames: readonly string[], frameMs: number): Promise<Played> {
  const session = counterSession(face);
  const tracks = new Map<number, { identity: TrackIdentity; frames: number }>();
  const largestTrack = new Map<number, number>();
  const largest: (FaceResult | undefined)[] = [];
  let now = 0;
  for (const url of frames) {
    now += frameMs;
    // Exactly what the counter asks for (embeddings too: the tracker follows a fast-moving face by them).
    const result = await face.analyzeImage({ url }, session.analyzeOptions(now));
    session.ingest(result, now, now);
    largest.push([...result.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0]);
    let biggest: { id: number; area: number } | undefined;
    for (const t of session.state.value.tracks) {
      if (!t.visible) continue;
      const identity = session.identity(t.id);
      if (!identity) continue;
      const seen = tracks.get(t.id) ?? { identity, frames: 0 };
      seen.frames++;
      tracks.set(t.id, seen);
      const area = t.box.width * t.box.height;
      if (!biggest || area > biggest.area) biggest = { id: t.id, area };
    }
    if (biggest) largestTrack.set(biggest.id, (largestTrack.get(biggest.id) ?? 0) + 1);
  }
  const subject = [...largestTrack].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { tracks, subject, largest };
}

/** Weights tried when calibrating: the plane term's weight and the single-frame models' (never negative). */
const GRID: Weights[] = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8].flatMap((planeWeight) =>
  [0, 0.25, 0.5, 1].map((modelWeight) => ({ planeWeight, modelWeight })),
);

/** Single-frame threshold: the strictest with frame BPCER at most `maxBpcer` (missed faces count as rejected). */
function frameThreshold(frames: { label: string; score: number | undefined }[], maxBpcer: number): number {
  const reals = frames.filter((f) => f.label === 'real');
  const allowed = Math.floor(maxBpcer * reals.length) - reals.filter((f) => f.score === undefined).length;
  const scores = reals.flatMap((f) => (f.score === undefined ? [] : [f.score])).sort((a, b) => a - b);
  return scores[Math.max(0, allowed)] ?? 0.5;
}

export const liveness: Task = async (ctx: HarnessContext) => {
  const captures = ctx.args.captures as CaptureArg[];
  const videos = (ctx.args.videos as VideoArg[] | undefined) ?? [];
  const frameMs = Number(ctx.args.frameMs ?? 500);
  const videoFrameMs = Number(ctx.args.videoFrameMs ?? 1000 / 30);
  const maxBpcer = Number(ctx.args.maxBpcer ?? 0.1);
  const face = await ctx.face();
  const evidence: CaptureEvidence[] = [];
  const perCapture = [];
  const frames: { label: string; score: number | undefined }[] = [];
  let noFace = 0;
  for (const [i, c] of captures.entries()) {
    const played = await play(face, c.frames, frameMs);
    for (const f of played.largest) frames.push({ label: c.label, score: f?.attributes.liveness?.score });
    const subject = played.subject === undefined ? undefined : played.tracks.get(played.subject);
    if (!played.largest.some(Boolean)) noFace++;
    const state = subject?.identity.presentation;
    evidence.push({
      label: c.label,
      group: c.group,
      evidence: state?.evidence ?? [],
      complete: (state?.taken ?? 0) >= PRESENTATION_SETTINGS.window,
    });
    perCapture.push({
      label: c.label,
      name: c.name,
      frames: c.frames.length,
      faces: played.largest.filter(Boolean).length,
      samples: state?.taken ?? 0,
      verdicts: state?.evidence.length ?? 0,
      lowest_score: state?.lowest === undefined ? null : round(state.lowest),
      live: state ? (presentationLive(state, PRESENTATION_SETTINGS) ?? null) : null,
      evidence: (state?.evidence ?? []).map((e) => ({
        non_planar: round(e.nonPlanar, 5),
        plane_gain: round(e.planeGain),
        model: e.model === undefined ? null : round(e.model),
      })),
    });
    if ((i + 1) % 10 === 0) ctx.progress(`${i + 1}/${captures.length} captures`);
  }
  const shipped = rates(evidence, PRESENTATION_SETTINGS, PRESENTATION_SETTINGS.threshold);
  const frameRates = (threshold: number) => {
    const attacks = frames.filter((f) => f.label === 'attack');
    const reals = frames.filter((f) => f.label === 'real');
    return {
      apcer: attacks.filter((f) => f.score !== undefined && f.score >= threshold).length / Math.max(1, attacks.length),
      bpcer: reals.filter((f) => f.score === undefined || f.score < threshold).length / Math.max(1, reals.length),
    };
  };
  const frame = frameRates(FRAME_LIVENESS_THRESHOLD);

  const videoTracks = [];
  for (const v of videos) {
    const played = await play(face, v.frames, videoFrameMs);
    for (const [id, t] of played.tracks) {
      if (t.frames < MIN_VIDEO_TRACK_FRAMES) continue;
      const live = presentationLive(t.identity.presentation, PRESENTATION_SETTINGS);
      videoTracks.push({
        video: v.name,
        track: id,
        frames: t.frames,
        samples: t.identity.presentation.taken,
        verdicts: t.identity.presentation.evidence.length,
        judged: live === undefined ? 'pending' : live ? 'live' : 'attack',
        lowest_score: t.identity.presentation.lowest === undefined ? null : round(t.identity.presentation.lowest),
      });
    }
    ctx.progress(`${v.name}: ${videoTracks.filter((t) => t.video === v.name).length} tracks`);
  }

  let calibration = {};
  if (ctx.args.calibrate) {
    const chosen = calibrate(evidence, GRID, maxBpcer);
    const loso = leaveOneGroupOut(evidence, GRID, maxBpcer);
    const ft = frameThreshold(frames, maxBpcer);
    const fr = frameRates(ft);
    calibration = {
      calibration: {
        max_bpcer: maxBpcer,
        grid: GRID,
        chosen: { ...chosen, threshold: round(chosen.threshold) },
        frame_threshold: round(ft),
        frame_apcer_at_calibrated: round(fr.apcer),
        frame_bpcer_at_calibrated: round(fr.bpcer),
        loso_apcer: round(loso.apcer),
        loso_bpcer: round(loso.bpcer),
        loso_folds: loso.folds.map((f) => ({
          group: f.group,
          chosen: { ...f.chosen, threshold: round(f.chosen.threshold) },
          attacks: f.held_out.attacks,
          reals: f.held_out.reals,
          attacks_accepted: f.accepted,
          reals_rejected: f.rejected,
        })),
      },
    };
  }
  return {
    task: 'liveness',
    captures: {
      real: captures.filter((c) => c.label === 'real').length,
      attack: captures.filter((c) => c.label === 'attack').length,
    },
    apcer: round(shipped.apcer),
    bpcer: round(shipped.bpcer),
    frame_apcer: round(frame.apcer),
    frame_bpcer: round(frame.bpcer),
    threshold: PRESENTATION_SETTINGS.threshold,
    no_face: noFace,
    ...(videos.length
      ? {
          video_bpcer: videoTracks.length
            ? round(videoTracks.filter((t) => t.judged === 'attack').length / videoTracks.length)
            : null,
          video_tracks: videoTracks,
        }
      : {}),
    settings: PRESENTATION_SETTINGS,
    frame_threshold: FRAME_LIVENESS_THRESHOLD,
    frame_ms: frameMs,
    video_frame_ms: round(videoFrameMs, 2),
    frames: {
      real: frames.filter((f) => f.label === 'real').length,
      attack: frames.filter((f) => f.label === 'attack').length,
    },
    per_capture: perCapture,
    ...calibration,
    backend: face.info.backend,
  };
};
