// What the face engine finds in a frame, as the domain sees it: boxes, landmarks, quality, attributes and the
// per-face result. The worker protocol (shared/face-engine-api.ts) carries these; core never depends on it.
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Keypoint {
  readonly x: number;
  readonly y: number;
}

export interface FaceQuality {
  /** Distance between the eye centres, in frame pixels. */
  readonly eyeDistance: number;
  /** Variance of the Laplacian of the aligned grey crop: higher = sharper. */
  readonly sharpness: number;
  /** Estimated head turn, degrees (0 = facing the camera). */
  readonly yaw: number;
  /** Estimated head nod, degrees (0 = level). */
  readonly pitch: number;
  /** Roll from the eye line, degrees. */
  readonly roll: number;
  /** Both eyes are inside the frame and the head is not turned so far that one is hidden. */
  readonly eyesVisible: boolean;
}

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export interface FaceAttributes {
  readonly age?: { readonly years: number; readonly band: string };
  readonly gender?: { readonly label: 'female' | 'male'; readonly confidence: number };
  readonly emotion?: { readonly dominant: Emotion; readonly scores: Readonly<Record<Emotion, number>> };
  /**
   * Single-frame presentation-attack models: `score` is their mean (0..1, higher = live) and `live` that score
   * against the single-frame threshold. One frame cannot tell a print from a face (docs/eval): the counter and
   * camera enrolment decide over the track instead (core/liveness).
   */
  readonly liveness?: {
    readonly score: number;
    readonly live: boolean;
    /** The two single-frame models' own outputs (0..1, higher = live). */
    readonly antispoof: number;
    readonly replay: number;
  };
}

export interface FaceResult {
  readonly box: Box;
  /** Detector confidence, 0..1. */
  readonly score: number;
  /** Right eye, left eye, nose tip, mouth centre, right ear, left ear (subject's right/left). */
  readonly keypoints: readonly Keypoint[];
  readonly quality: FaceQuality;
  /** 68 landmarks in frame pixels, iBUG 300-W order (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67). */
  readonly landmarks?: readonly Keypoint[];
  /** L2-normalised embedding (when requested). */
  readonly embedding?: Float32Array;
  readonly attributes: FaceAttributes;
  /** 16x16 grey thumbnail of the aligned face, for frame-to-frame motion checks (a still photo does not move). */
  readonly thumbnail: Uint8Array;
}
