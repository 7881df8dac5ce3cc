// What the counter session shows and reports (track views, its state, visit summaries) and what it runs on.
import type { FaceEngineClient } from '../../client/face-engine';
import type { PacingSettings } from '../../core/counter/idle-pacing';
import type { IdentityGate } from '../../core/counter/visit-evidence';
import type { TrackIdentity } from '../../core/counter/track-identity';
import type { Emotion } from '../../core/face/face-result';
import type { PresentationSettings } from '../../core/liveness/presentation-check';
import type { Gallery, OpenSetPolicy } from '../../core/recognition/gallery';
import type { VisitorRegistry } from '../../core/tracking/visitors';

export interface AttributeSettings {
  readonly age: boolean;
  readonly gender: boolean;
  readonly emotion: boolean;
}

export interface TrackView {
  readonly id: number;
  readonly box: { x: number; y: number; width: number; height: number };
  readonly visible: boolean;
  /** 'suspect': judged a photo or screen. A member is 'pending' until the check has passed (core/counter/shown-as). */
  readonly kind: TrackIdentity['kind'] | 'suspect';
  readonly memberId: string | undefined;
  readonly visitorId: number | undefined;
  readonly ageBand: string | undefined;
  readonly gender: 'female' | 'male' | undefined;
  readonly emotion: { emotion: Emotion; score: number } | undefined;
  readonly live: boolean | undefined;
  readonly liveReason: string;
  readonly firstSeen: number;
  /** Time from the face's first detection to its identity being decided (member or visitor). */
  readonly identifiedAfterMs: number | undefined;
}

export interface CounterState {
  readonly frameWidth: number;
  readonly frameHeight: number;
  readonly tracks: readonly TrackView[];
  /** The track whose card is shown: the tapped one, else the largest visible face. */
  readonly selectedId: number | undefined;
  /** Frames analysed per second (measured over the last few seconds). */
  readonly fps: number;
  /** Camera capture to result, last frame. */
  readonly latencyMs: number | undefined;
  /** Frames analysed since the session started (rises with every result applied). */
  readonly analysedFrames: number;
  /** When the last analysed frame was captured (performance.now() of the page). */
  readonly capturedAt: number | undefined;
  readonly error: string | undefined;
}

export interface VisitSummary {
  readonly trackId: number;
  readonly start: number;
  readonly end: number;
  readonly memberId: string | undefined;
  readonly visitorId: number | undefined;
  readonly ageBand: string | undefined;
  readonly gender: 'female' | 'male' | undefined;
  /** Mean emotion scores over the visit. */
  readonly emotion: Record<Emotion, number> | undefined;
  readonly live: boolean | undefined;
}

export interface CounterDeps {
  /** Only `analyze` is needed: the frame pipeline, and a fake in tests. */
  readonly engine: Pick<FaceEngineClient, 'analyze'>;
  readonly gallery: () => Gallery | undefined;
  readonly policy: () => OpenSetPolicy;
  readonly presentation: PresentationSettings;
  /** Test build only: every track taken as live (test clips are moved photos). The shipped app never sets it. */
  readonly assumeLive?: boolean;
  readonly attributes: () => AttributeSettings;
  readonly visitors: VisitorRegistry;
  readonly onVisit: (visit: VisitSummary) => void;
  /** Called when a flagged member or visitor is recognised (watch-list). */
  readonly onIdentified?: (track: TrackView) => void;
  readonly now?: () => number;
  /** Wall clock (Date.now by default); replays of recorded visits give their own. */
  readonly clock?: () => number;
  /** A small grey thumbnail of a frame, to see while idle whether the picture changed (app/counter/frame-thumbnail). */
  readonly thumbnail?: (frame: ImageBitmap) => Uint8Array | undefined;
  /** When to analyse fewer frames (IDLE_PACING by default). */
  readonly pacing?: PacingSettings;
  /** Which frames decisions may use (IDENTITY_GATE by default; the visitor tuner tries others). */
  readonly identityGate?: IdentityGate;
}
