// The face engine's models, loaded together on the active TF.js backend: a face detector (MediaPipe's, or the
// TF.js BlazeFace where MediaPipe cannot start), the recogniser, age and gender, expression, the
// presentation-attack models and the landmark net.
import type * as tf from '@tensorflow/tfjs-core';
import type { Detection } from '../../../src/core/face/blazeface-decode';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';
import { BlazeFaceDetector } from './blazeface-detector';
import { FaceApiAgeGender, FaceApiExpression, FaceApiLandmarks, FaceApiRecognizer } from './face-api-nets';
import { LivenessModels } from './liveness';
import { TasksVisionDetector } from './tasks-vision-detector';

const DETECT = { minScore: 0.5, iouThreshold: 0.3 };

/** Either detector, behind one shape: MediaPipe's reads the bitmap, the TF.js one the frame tensor. */
export interface Detector {
  readonly id: string;
  detect(
    bitmap: ImageBitmap | undefined,
    frame: tf.Tensor3D,
    options: { maxFaces: number; thorough: boolean },
  ): Promise<Detection[]>;
  dispose(): void;
}

export async function loadDetector(files: VerifiedModelFiles): Promise<Detector> {
  try {
    const mp = await TasksVisionDetector.load(files);
    return {
      id: 'mediapipe-tasks-vision-blazeface-short-range',
      detect: (bitmap, _frame, o) =>
        Promise.resolve(bitmap ? mp.detect(bitmap, { ...o, minScore: DETECT.minScore }) : []),
      dispose: () => mp.dispose(),
    };
  } catch (err) {
    // MediaPipe's runtime could not start here (old browser, no WebAssembly SIMD...): use the TF.js BlazeFace.
    console.warn('MediaPipe face detector unavailable, using the TF.js BlazeFace:', err);
    const tfd = await BlazeFaceDetector.load(files);
    tfd.warmUp();
    return {
      id: 'tfjs-blazeface-256',
      detect: (_bitmap, frame, o) => tfd.detect(frame, { ...DETECT, maxFaces: o.maxFaces }),
      dispose: () => tfd.dispose(),
    };
  }
}

export interface Models {
  readonly detector: Detector;
  readonly recognizer: FaceApiRecognizer;
  readonly ageGender: FaceApiAgeGender;
  readonly expression: FaceApiExpression;
  readonly liveness: LivenessModels;
  readonly landmarks: FaceApiLandmarks;
}

/** Loads every model but the detector on the active backend; `detector` is shared across backends. */
export async function loadModels(files: VerifiedModelFiles, detector: Detector): Promise<Models> {
  const [recognizer, ageGender, expression, liveness, landmarks] = await Promise.all([
    FaceApiRecognizer.load(files),
    FaceApiAgeGender.load(files),
    FaceApiExpression.load(files),
    LivenessModels.load(files),
    FaceApiLandmarks.load(files),
  ]);
  liveness.warmUp();
  return { detector, recognizer, ageGender, expression, liveness, landmarks };
}

export function disposeModels(models: Models | undefined): void {
  if (!models) return;
  // The detector is shared across backends (see the engine's #loadModels) and disposed with the engine.
  models.recognizer.dispose();
  models.ageGender.dispose();
  models.expression.dispose();
  models.liveness.dispose();
  models.landmarks.dispose();
}
