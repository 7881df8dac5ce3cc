// One detected face, analysed: the aligned chip feeds the recogniser and, as asked, age and gender, expression,
// the presentation-attack models and the landmark net. Every face also carries its pose, a sharpness measure and
// a 16x16 grey thumbnail (for motion checks: a still photo does not move). `lap` charges each stage its time.
import * as tf from '@tensorflow/tfjs-core';
import { ageBand, emotionScores, genderFrom } from '../../../src/core/face/attributes';
import type { Detection } from '../../../src/core/face/blazeface-decode';
import type { CropGeometry } from '../../../src/core/face/face-template';
import { estimatePose, eyesVisible } from '../../../src/core/face/pose';
import { FRAME_LIVENESS_THRESHOLD } from '../../../src/core/liveness/defaults';
import type { AnalyzeOptions, FaceAttributes, FaceResult, Keypoint, Stage } from '../../../src/shared/face-engine-api';
import { type AgeGenderSetup, estimateAgeGender } from './age-gender';
import { alignmentFor, warpCrop } from './align';
import type { Models } from './models';

/** How faces are cut out and read: the engine's settings (its defaults, or a tuning run's overrides). */
export interface FaceSetup {
  readonly chip: CropGeometry;
  readonly ageGender: AgeGenderSetup;
  /** Average the embedding with the mirror image's. */
  readonly flipEmbedding: boolean;
}

export async function analyzeFace(
  models: Models,
  frame: tf.Tensor3D,
  d: Detection,
  bitmap: ImageBitmap,
  options: AnalyzeOptions,
  lap: (stage: Stage) => void,
  setup: FaceSetup,
): Promise<FaceResult> {
  const pose = estimatePose(d.keypoints);
  const chip = warpCrop(frame, alignmentFor(d, setup.chip), setup.chip.size);
  const small = tf.tidy(() => tf.image.resizeBilinear(chip, [112, 112]));
  const [thumbnailT, sharpnessT] = tf.tidy(() => {
    const grey = tf.mean(small, 3, true);
    // Variance of the Laplacian: blur and motion smear flatten edges, so the variance drops.
    const laplacian = tf.conv2d(
      grey as tf.Tensor4D,
      tf.tensor4d([0, 1, 0, 1, -4, 1, 0, 1, 0], [3, 3, 1, 1]),
      1,
      'valid',
    );
    const { variance } = tf.moments(laplacian);
    return [tf.cast(tf.image.resizeBilinear(grey as tf.Tensor4D, [16, 16]), 'int32'), variance];
  });
  const [thumb, sharp] = await Promise.all([thumbnailT.data(), sharpnessT.data()]);
  tf.dispose([thumbnailT, sharpnessT]);
  lap('align');
  try {
    let embedding: Float32Array | undefined;
    if (options.embedding) {
      embedding = await models.recognizer.run(chip, setup.flipEmbedding);
      lap('embed');
    }
    const attributes: { -readonly [K in keyof FaceAttributes]: FaceAttributes[K] } = {};
    if (options.age || options.gender) {
      const ag = await estimateAgeGender(models.ageGender, frame, d, setup.ageGender);
      if (options.age) attributes.age = { years: ag.age, band: ageBand(ag.age) };
      if (options.gender) attributes.gender = genderFrom(ag.male);
    }
    if (options.emotion) attributes.emotion = emotionScores(await models.expression.run(small));
    lap('attributes');
    if (options.liveness) {
      const l = await models.liveness.runOnFace(frame, d);
      const score = (l.antispoof + l.liveness) / 2;
      const live = score >= FRAME_LIVENESS_THRESHOLD;
      attributes.liveness = { score, live, antispoof: l.antispoof, replay: l.liveness };
      lap('liveness');
    }
    let landmarks: Keypoint[] | undefined;
    if (options.landmarks) {
      landmarks = await models.landmarks.detect(frame, d);
      lap('landmarks');
    }
    return {
      box: { x: d.x, y: d.y, width: d.width, height: d.height },
      score: d.score,
      keypoints: d.keypoints,
      ...(landmarks ? { landmarks } : {}),
      quality: {
        eyeDistance: pose.eyeDistance,
        sharpness: sharp[0] ?? 0,
        yaw: pose.yaw,
        pitch: pose.pitch,
        roll: pose.roll,
        eyesVisible: eyesVisible(d.keypoints, bitmap.width, bitmap.height, pose.yaw),
      },
      ...(embedding ? { embedding } : {}),
      attributes,
      thumbnail: Uint8Array.from(thumb),
    };
  } finally {
    tf.dispose([chip, small]);
  }
}
