// An upright square crop around a detector box, as the presentation-attack models and the landmark net were
// trained on (the recogniser's chip is aligned instead: see align.ts).
import * as tf from '@tensorflow/tfjs-core';
import type { Box } from '../../../src/shared/face-engine-api';

/** The square around `box`, `scale` times its longer side, resized to size x size: [1, size, size, 3] float32. */
export function squareCrop(frame: tf.Tensor3D, box: Box, scale: number, size: number): tf.Tensor4D {
  const [height, width] = frame.shape;
  const side = Math.max(box.width, box.height) * scale;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const y1 = (cy - side / 2) / height;
  const x1 = (cx - side / 2) / width;
  const y2 = (cy + side / 2) / height;
  const x2 = (cx + side / 2) / width;
  return tf.tidy(() =>
    tf.image.cropAndResize(
      tf.cast(tf.expandDims<tf.Tensor4D>(frame, 0), 'float32'),
      [[y1, x1, y2, x2]],
      [0],
      [size, size],
      'bilinear',
      0,
    ),
  );
}
