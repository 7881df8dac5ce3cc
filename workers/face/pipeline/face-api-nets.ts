// Networks from @vladmandic/face-api, used through the library itself (it shares our TF.js instance), with
// their weights taken from the verified model files instead of fetched by the library.
import * as tf from '@tensorflow/tfjs-core';
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm-nobundle.js';
import type { Box, Keypoint } from '../../../src/shared/face-engine-api';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';
import { squareCrop } from './square-crop';

type WeightsManifest = { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];

/** Reads a face-api weights manifest and its shards into named tensors. */
export async function loadWeightMap(files: VerifiedModelFiles, manifestFile: string): Promise<tf.NamedTensorMap> {
  const manifest = JSON.parse(new TextDecoder().decode(await files.bytes(manifestFile))) as WeightsManifest;
  const dir = manifestFile.slice(0, manifestFile.lastIndexOf('/') + 1);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const shards: ArrayBuffer[] = [];
  for (const group of manifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(await files.bytes(dir + p));
  }
  return tf.io.decodeWeights(tf.io.CompositeArrayBuffer.join(shards), specs);
}

// face-api declares its own copy of the TF.js types; the tensors are the same objects at run time.
function asNetInput(crop: tf.Tensor4D): faceapi.NetInput {
  const chip: tf.Tensor3D = tf.squeeze(crop, [0]);
  return new faceapi.NetInput([chip as never]);
}

/** dlib-style ResNet face descriptor (128-d) trained on aligned 150x150 face chips, input 0..255 RGB. */
export class FaceApiRecognizer {
  private constructor(private readonly net: faceapi.FaceRecognitionNet) {}

  static async load(files: VerifiedModelFiles): Promise<FaceApiRecognizer> {
    const net = new faceapi.FaceRecognitionNet();
    net.loadFromWeightMap(
      (await loadWeightMap(files, 'face-api/face_recognition_model-weights_manifest.json')) as never,
    );
    return new FaceApiRecognizer(net);
  }

  /**
   * crop: [1, 150, 150, 3], 0..255. Returns the L2-normalised descriptor; with `flip`, of the crop and its
   * mirror image averaged.
   */
  async run(crop: tf.Tensor4D, flip = false): Promise<Float32Array> {
    const out = tf.tidy(() => {
      let d = this.net.forwardInput(asNetInput(crop)) as unknown as tf.Tensor;
      if (flip) d = tf.add(d, this.net.forwardInput(asNetInput(tf.reverse(crop, 2))) as unknown as tf.Tensor);
      return tf.div(d, tf.add(tf.norm(d), 1e-12));
    });
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** Age (years) and gender from one 112x112 face chip (TinyXception backbone). */
export class FaceApiAgeGender {
  private constructor(private readonly net: faceapi.AgeGenderNet) {}

  static async load(files: VerifiedModelFiles): Promise<FaceApiAgeGender> {
    const net = new faceapi.AgeGenderNet();
    net.loadFromWeightMap((await loadWeightMap(files, 'face-api/age_gender_model-weights_manifest.json')) as never);
    return new FaceApiAgeGender(net);
  }

  /** crop: [1, 112, 112, 3], 0..255. */
  async run(crop: tf.Tensor4D): Promise<{ age: number; male: number }> {
    const [age, gender] = tf.tidy(() => {
      const out = this.net.forwardInput(asNetInput(crop)) as unknown as { age: tf.Tensor; gender: tf.Tensor };
      return [out.age, out.gender];
    });
    const [a, g] = await Promise.all([age.data(), gender.data()]);
    tf.dispose([age, gender]);
    // The gender head's softmax is [male, female].
    return { age: a[0] ?? 0, male: g[0] ?? 0.5 };
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** Seven facial expressions from one 112x112 face chip, in face-api's class order. */
export const FACE_API_EXPRESSIONS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

export class FaceApiExpression {
  private constructor(private readonly net: faceapi.FaceExpressionNet) {}

  static async load(files: VerifiedModelFiles): Promise<FaceApiExpression> {
    const net = new faceapi.FaceExpressionNet();
    net.loadFromWeightMap(
      (await loadWeightMap(files, 'face-api/face_expression_model-weights_manifest.json')) as never,
    );
    return new FaceApiExpression(net);
  }

  /** crop: [1, 112, 112, 3], 0..255. Probabilities in FACE_API_EXPRESSIONS order. */
  async run(crop: tf.Tensor4D): Promise<Float32Array> {
    const probs = tf.tidy(() => this.net.forwardInput(asNetInput(crop)) as unknown as tf.Tensor);
    const data = (await probs.data()) as Float32Array;
    probs.dispose();
    return data;
  }

  dispose(): void {
    this.net.dispose();
  }
}

/** The landmark net's crop: a square 1.2 times the detector's box (it was trained on loose face boxes). */
const LANDMARK_CROP_SCALE = 1.2;

/** 68 facial landmarks (jaw line, brows, nose, eyes, mouth; the iBUG 300-W layout) of one detected face. */
export class FaceApiLandmarks {
  private constructor(private readonly net: faceapi.FaceLandmark68Net) {}

  static async load(files: VerifiedModelFiles): Promise<FaceApiLandmarks> {
    const net = new faceapi.FaceLandmark68Net();
    net.loadFromWeightMap(
      (await loadWeightMap(files, 'face-api/face_landmark_68_model-weights_manifest.json')) as never,
    );
    return new FaceApiLandmarks(net);
  }

  /** frame: [H, W, 3], 0..255; box: the detector's. Returns the landmarks in frame pixels. */
  async detect(frame: tf.Tensor3D, box: Box): Promise<Keypoint[]> {
    const out = tf.tidy(() => {
      const crop = squareCrop(frame, box, LANDMARK_CROP_SCALE, 112);
      return this.net.forwardInput(asNetInput(crop)) as unknown as tf.Tensor;
    });
    const rel = (await out.data()) as Float32Array;
    out.dispose();
    // The net answers in fractions of the crop's side.
    const side = Math.max(box.width, box.height) * LANDMARK_CROP_SCALE;
    const x0 = box.x + box.width / 2 - side / 2;
    const y0 = box.y + box.height / 2 - side / 2;
    const points: Keypoint[] = [];
    for (let i = 0; i + 1 < rel.length; i += 2)
      points.push({ x: x0 + (rel[i] as number) * side, y: y0 + (rel[i + 1] as number) * side });
    return points;
  }

  dispose(): void {
    this.net.dispose();
  }
}
