// Warps a face out of the frame into a model's canonical crop with a similarity transform fitted to the
// detector's keypoints (eye centres, nose tip, mouth centre).
import * as tf from '@tensorflow/tfjs-core';
import type { Detection } from '../../../src/core/face/blazeface-decode';
import { type CropGeometry, templatePoints } from '../../../src/core/face/face-template';
import { type Affine, estimateSimilarity, invertAffine } from '../../../src/core/face/similarity-transform';

/** Frame -> crop transform for one face and one crop geometry. */
export function alignmentFor(face: Detection, geometry: CropGeometry): Affine {
  const src = face.keypoints.slice(0, 4);
  return estimateSimilarity(src, templatePoints(geometry));
}

/** The aligned crop, [1, size, size, 3] float32 with the frame's value range. Caller disposes. */
export function warpCrop(frame: tf.Tensor3D, frameToCrop: Affine, size: number): tf.Tensor4D {
  // tf.image.transform maps output pixels back to input pixels, so it takes the inverse transform.
  const [a, b, tx, c, d, ty] = invertAffine(frameToCrop);
  return tf.tidy(() =>
    tf.image.transform(
      tf.cast(tf.expandDims<tf.Tensor4D>(frame, 0), 'float32'),
      tf.tensor2d([[a, b, tx, c, d, ty, 0, 0]]),
      'bilinear',
      'constant',
      0,
      [size, size],
    ),
  );
}
