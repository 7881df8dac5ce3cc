// The test build's window onto the running app, `window.counterpartDiagnostics`, for the end-to-end tests and the
// counter benchmarks: frames analysed (with when each was captured and how many faces it held, so a test can wait
// for frames the engine really analysed rather than for clock time), camera-to-result latency, the engine's
// tensor count, one fault injection (a face-worker crash), the Analytics screen's aggregate figures, and the visits
// the counter reported (when, how long, the anonymous visitor number, age band and gender: what a clip benchmark
// needs to tell which visits were split or merged). No names, member ids, templates or pictures. Not in the
// shipped build (see src/build-flags.d.ts).
import type { CounterSession } from '../app/counter/counter-session';
import type { VisitSummary } from '../app/counter/counter-types';
import type { EngineService } from '../app/services/engine-service';
import type { LockSession } from '../app/services/lock-session';
import type { VisitsService } from '../app/services/visits-service';
import type { EngineInfo } from '../shared/face-engine-api';
import { crashEngineWorker } from './engine-worker';

/** One analysed frame, as the counter applied it. */
export interface AnalysedFrame {
  /** performance.now() of the page when the camera frame was captured. */
  readonly capturedAt: number;
  /** performance.now() when its result was applied to what the counter shows. */
  readonly analysedAt: number;
  /** Faces visible after this frame (tracks being shown). */
  readonly faces: number;
  /** Tracks still open after this frame: visible ones and those within their grace period (a visit not ended). */
  readonly tracks: number;
  /** What each visible face was shown as: 'member', 'visitor', 'pending' or 'suspect'. */
  readonly kinds: readonly string[];
}

export interface Diagnostics {
  counter(): {
    fps: number;
    latencyMs: number | undefined;
    faces: number;
    /** Frames analysed since the app started. */
    analysedFrames: number;
    /** The counter's last error message, if frames are failing. */
    error: string | undefined;
    /** 'unlocked', 'locked', …: a locked app analyses no frames. */
    store: string;
    /** 'ready', 'restarting', 'failed', …: the face worker's state. */
    engine: string;
  };
  /** The last analysed frames (up to FRAME_LOG), oldest first; only those captured at or after `since`. */
  frames(since?: number): AnalysedFrame[];
  engineMemory(): Promise<{ numTensors: number; numBytes: number }>;
  /** The face engine's backend decision, with every trial it measured (undefined until it is ready). */
  engineInfo(): EngineInfo | undefined;
  /** Fault injection: the face worker dies as in a crash (it is restarted). */
  crashEngine(): boolean;
  /** Ends the visits on screen (as when the camera stops) and resolves once they are recorded. */
  endVisits(): Promise<void>;
  /** What the Analytics screen shows for the last `days` days (aggregate counts only, nobody in them). */
  analytics(days?: number): Promise<AnalyticsFigures | undefined>;
  /** The visits the counter reported since the page loaded (up to VISIT_LOG), oldest first. */
  visits(): readonly LoggedVisit[];
}

/** A visit as the counter reported it. */
export interface LoggedVisit {
  /** Date.now() at its start, and its length in seconds. */
  readonly start: number;
  readonly seconds: number;
  readonly member: boolean;
  readonly visitorNumber: number | undefined;
  readonly gender: string | undefined;
  readonly ageBand: string | undefined;
  readonly live: boolean | undefined;
}

const VISIT_LOG = 1000;
const visitLog: LoggedVisit[] = [];

/** Called by the app's wiring (test build only) for every visit the counter reports. */
export function logVisit(v: VisitSummary): void {
  visitLog.push({
    start: v.start,
    seconds: Math.round((v.end - v.start) / 100) / 10,
    member: v.memberId !== undefined,
    visitorNumber: v.visitorId,
    gender: v.gender,
    ageBand: v.ageBand,
    live: v.live,
  });
  if (visitLog.length > VISIT_LOG) visitLog.shift();
}

export interface AnalyticsFigures {
  readonly footfall: number;
  readonly unique: number;
  readonly returning: number;
  /** Visits per gender ('unknown' = not estimated) and per age band. */
  readonly gender: Readonly<Record<string, number>>;
  readonly ageBand: Readonly<Record<string, number>>;
  /** Recorded stretches in which nothing was counted (camera off). */
  readonly cameraOff: number;
}

declare global {
  interface Window {
    counterpartDiagnostics?: Diagnostics;
  }
}

const FRAME_LOG = 600;

/** The parts of the running app the diagnostics read (app/services.ts passes its services). */
export interface DiagnosedApp {
  readonly counter: Pick<CounterSession, 'state'>;
  readonly lock: Pick<LockSession, 'state'>;
  readonly engine: Pick<EngineService, 'client'>;
  readonly visits: Pick<VisitsService, 'analytics'>;
  endVisits(): Promise<void>;
}

export function exposeDiagnostics(app: DiagnosedApp): void {
  const log: AnalysedFrame[] = [];
  let seen = 0;
  app.counter.state.subscribe((s) => {
    if (s.analysedFrames === seen || s.capturedAt === undefined) return;
    seen = s.analysedFrames;
    const visible = s.tracks.filter((t) => t.visible);
    log.push({
      capturedAt: s.capturedAt,
      analysedAt: performance.now(),
      faces: visible.length,
      tracks: s.tracks.length,
      kinds: visible.map((t) => t.kind),
    });
    if (log.length > FRAME_LOG) log.shift();
  });
  window.counterpartDiagnostics = {
    counter: () => {
      const s = app.counter.state.value;
      return {
        fps: s.fps,
        latencyMs: s.latencyMs,
        faces: s.tracks.filter((t) => t.visible).length,
        analysedFrames: s.analysedFrames,
        error: s.error,
        store: app.lock.state.value.state,
        engine: app.engine.client.status.value.state,
      };
    },
    frames: (since = -Infinity) => log.filter((f) => f.capturedAt >= since),
    engineMemory: () => app.engine.client.memory(),
    engineInfo: () => app.engine.client.info,
    crashEngine: () => crashEngineWorker(),
    endVisits: () => app.endVisits(),
    analytics: async (days = 1) => {
      // Nothing to read before storage has opened (or when it could not).
      const state = app.lock.state.value.state;
      if (state === 'opening' || state === 'unavailable') return undefined;
      const to = Date.now() + 3600_000;
      const { summary } = await app.visits.analytics({ from: to - days * 86_400_000 - 3600_000, to }, [], '');
      const gender: Record<string, number> = {};
      const ageBand: Record<string, number> = {};
      for (const [key, n] of Object.entries(summary.ageGender)) {
        const [band = 'unknown', g = 'unknown'] = key.split('|');
        gender[g] = (gender[g] ?? 0) + n;
        ageBand[band] = (ageBand[band] ?? 0) + n;
      }
      return {
        footfall: summary.footfall,
        unique: summary.unique,
        returning: summary.returning,
        gender,
        ageBand,
        cameraOff: summary.cameraOff.length,
      };
    },
    visits: () => [...visitLog],
  };
}
