// The contract between the UI and the face worker: the only types that cross that boundary.
import type { BackendName, BackendPreference, BackendTrial } from '../core/engine/choose-backend';

export interface EngineInitOptions {
  /** URL of public/models/, ending with '/'. */
  readonly modelsBaseUrl: string;
  /** 'auto' measures the candidates and keeps the fastest; a name forces that backend (falling back if it fails). */
  readonly backend?: BackendPreference;
  /** Embed the chip and its mirror image and average them (steadier across head turns; twice the cost). */
  readonly flipEmbedding?: boolean;
  /**
   * Test build only (ignored by the shipped engine): run exactly this backend, with no speed trial and no
   * fallback, so a test that needs one backend gets it on any machine.
   */
  readonly exactBackend?: BackendName;
  /** Evaluation only: override the face chip's crop geometry. */
  readonly cropOverride?: { readonly zoom?: number; readonly shiftY?: number };
  /** Evaluation only: override the age/gender chip's geometry and mirror averaging. */
  readonly ageGenderOverride?: { readonly zoom?: number; readonly shiftY?: number; readonly flip?: boolean };
}

export interface EngineInfo {
  readonly backend: BackendName;
  /** What the chosen backend runs on (GPU name, "wasm (SIMD, threads)"...). */
  readonly device: string;
  /** Every candidate measured, so the choice can be shown and checked. */
  readonly trials: readonly BackendTrial[];
  /** Number of model files verified against the manifest. */
  readonly modelFilesVerified: number;
  /** Which face detector runs (MediaPipe tasks-vision, or the TF.js fallback). */
  readonly detector: string;
  /** Id and version of the embedding model; stored with every template. */
  readonly embeddingModel: string;
  readonly embeddingDim: number;
  /** Set when the engine moved to another backend after a device loss. */
  readonly fallbackReason?: string;
}

/** What to compute for each face; everything off saves time. */
export interface AnalyzeOptions {
  readonly maxFaces?: number;
  /** Still photos: also search overlapping tiles, so the small faces of a group photo are found. */
  readonly thorough?: boolean;
  readonly embedding?: boolean;
  readonly age?: boolean;
  readonly gender?: boolean;
  readonly emotion?: boolean;
  readonly liveness?: boolean;
  /** The 68 facial landmarks (for the presentation-attack check's geometry over a track). */
  readonly landmarks?: boolean;
}

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

export type Stage = 'decode' | 'detect' | 'align' | 'embed' | 'attributes' | 'liveness' | 'landmarks';

export interface AnalyzeResult {
  readonly faces: readonly FaceResult[];
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** Milliseconds per stage for this frame, and the total. */
  readonly timings: Readonly<Partial<Record<Stage | 'total', number>>>;
  readonly backend: BackendName;
  /** Set when the engine changed backend while handling this frame (e.g. after a lost GPU device). */
  readonly engineChanged?: EngineInfo;
}

export interface EngineMemory {
  readonly numTensors: number;
  readonly numBytes: number;
}

export interface FaceEngineApi {
  init(options: EngineInitOptions): Promise<EngineInfo>;
  /** Analyses one frame. The bitmap is transferred to the worker and closed there. */
  analyze(frame: ImageBitmap, options: AnalyzeOptions): Promise<AnalyzeResult>;
  memory(): Promise<EngineMemory>;
  /** Fault injection for tests and diagnostics: make the GPU backend lose its device. */
  simulateDeviceLoss(): Promise<boolean>;
  dispose(): Promise<void>;
}
