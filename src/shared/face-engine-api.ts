// The contract between the UI and the face worker: the only types that cross that boundary. What a face is
// (box, quality, attributes, result) is domain, defined in core/face/face-result.ts; the protocol uses it and
// re-exports it for the worker side.
import type { BackendName, BackendPreference, BackendTrial } from '../core/engine/choose-backend';
import type { FaceResult } from '../core/face/face-result';

export {
  type Box,
  type Emotion,
  type FaceAttributes,
  type FaceQuality,
  type FaceResult,
  type Keypoint,
  EMOTIONS,
} from '../core/face/face-result';

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
