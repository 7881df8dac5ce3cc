// Guided capture at the camera: every analysed frame is checked (one face, size, sharpness, pose, eyes, and the
// counter's presentation-attack check over the frames of the face in view: a photo held up to the tablet cannot
// enrol anyone); frames that pass become templates, near-duplicates are skipped.
// The UI shows `state` — what is wrong right now, and how many good captures there are.
import type { FaceEngineClient } from '../../client/face-engine';
import {
  absorbFrame,
  landmarksDue,
  livenessVerdict,
  newIdentity,
  type TrackIdentity,
} from '../../core/counter/track-identity';
import type { PresentationSettings } from '../../core/liveness/presentation-check';
import { type CaptureProblem, MIN_TEMPLATES, checkCapture, keepTemplate } from '../../core/members/enrolment';
import { Observable } from '../../core/observable';

export interface CaptureState {
  /** Why the current frame was not kept: a capture problem, or 'too-similar' to a capture already kept. */
  readonly problems: readonly (CaptureProblem | 'too-similar')[];
  readonly captured: number;
  readonly needed: number;
  readonly done: boolean;
}

/** Time between kept captures, so the templates come from different moments (and slightly different poses). */
const CAPTURE_SPACING_MS = 600;

export class CameraEnrolment {
  readonly state = new Observable<CaptureState>({
    problems: ['no-face'],
    captured: 0,
    needed: MIN_TEMPLATES,
    done: false,
  });
  readonly templates: Float32Array[] = [];
  #identity: TrackIdentity = newIdentity();
  #lastCaptureAt = -Infinity;

  /** `assumeLive`: test build only, as for the counter (CounterDeps.assumeLive). */
  constructor(
    private readonly engine: Pick<FaceEngineClient, 'analyze'>,
    private readonly presentation: PresentationSettings,
    private readonly assumeLive = false,
  ) {}

  submit(frame: ImageBitmap): void {
    const landmarks = landmarksDue(this.#identity, performance.now(), this.presentation);
    this.engine.analyze(frame, { embedding: true, liveness: true, landmarks, maxFaces: 3 }).then(
      (result) => {
        const now = performance.now();
        // Liveness is judged over the frames of the single face in view; a change of person restarts it.
        if (result.faces.length !== 1) this.#identity = newIdentity();
        else
          absorbFrame(this.#identity, result.faces[0] as NonNullable<(typeof result.faces)[0]>, now, this.presentation);
        const live = __TEST_HOOKS__ && this.assumeLive ? true : livenessVerdict(this.#identity, this.presentation).live;
        const check = checkCapture(result.faces, { requireLive: true, live });
        let captured = this.templates.length;
        let problems: CaptureState['problems'] = check.problems;
        if (check.ok && check.face?.embedding && now - this.#lastCaptureAt > CAPTURE_SPACING_MS) {
          if (keepTemplate(this.templates, check.face.embedding)) {
            this.#lastCaptureAt = now;
            captured = this.templates.length;
          } else {
            // A good frame, but the same as one already kept: ask for some variety instead of waiting silently.
            problems = ['too-similar'];
          }
        }
        this.state.set({ problems, captured, needed: MIN_TEMPLATES, done: captured >= MIN_TEMPLATES });
      },
      () => undefined, // superseded frames
    );
  }

  reset(): void {
    this.templates.length = 0;
    this.#identity = newIdentity();
    this.#lastCaptureAt = -Infinity;
    this.state.set({ problems: ['no-face'], captured: 0, needed: MIN_TEMPLATES, done: false });
  }
}
