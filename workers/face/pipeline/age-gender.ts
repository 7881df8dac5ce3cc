// Age and gender from their own aligned chip. The recogniser's chip is cut tight around eyes and mouth; the
// age/gender net was trained on looser whole-face crops, so it gets a crop of its own geometry (a second warp
// of the same frame, about a millisecond), optionally read a second time mirrored and averaged.
import * as tf from '@tensorflow/tfjs-core';
import type { Detection } from '../../../src/core/face/blazeface-decode';
import type { CropGeometry } from '../../../src/core/face/face-template';
import { alignmentFor, warpCrop } from './align';
import type { FaceApiAgeGender } from './face-api-nets';

export interface AgeGenderSetup {
  readonly chip: CropGeometry;
  /** Average the estimate of the chip and of its mirror image. */
  readonly flip: boolean;
}

export async function estimateAgeGender(
  net: FaceApiAgeGender,
  frame: tf.Tensor3D,
  face: Detection,
  setup: AgeGenderSetup,
): Promise<{ age: number; male: number }> {
  const chip = warpCrop(frame, alignmentFor(face, setup.chip), setup.chip.size);
  try {
    const first = await net.run(chip);
    if (!setup.flip) return first;
    const mirror = tf.reverse(chip, 2);
    try {
      const second = await net.run(mirror);
      return { age: (first.age + second.age) / 2, male: (first.male + second.male) / 2 };
    } finally {
      mirror.dispose();
    }
  } finally {
    chip.dispose();
  }
}
