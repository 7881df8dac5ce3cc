// Files the install step derives from copied ones (e.g. a model with metadata written into it).
// Each entry: { from, to, how, derive(input: Buffer) => Buffer | Promise<Buffer> }, paths under public/models/.
import { addImageInputMetadata } from './tflite-metadata.mjs';

export const DERIVED_FILES = [
  // MediaPipe tasks-vision refuses a float32 image model without NormalizationOptions metadata, and the published
  // BlazeFace short-range model has none. BlazeFace expects RGB scaled to [-1, 1]: (pixel - 127.5) / 127.5.
  {
    from: 'blazeface/face_detection_short_range.tflite',
    to: 'blazeface/face_detection_short_range.task.tflite',
    how: 'scripts/models/tflite-metadata.mjs (RGB image input, mean 127.5, std 127.5)',
    derive: (input) =>
      addImageInputMetadata(input, {
        mean: [127.5],
        std: [127.5],
        name: 'BlazeFace short-range face detector',
        description: 'Face detection for faces within about 2 m of the camera (128x128 input, 896 anchors).',
      }),
  },
];
