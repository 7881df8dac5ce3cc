// Face detection with MediaPipe tasks-vision's FaceDetector running BlazeFace short-range, the model made
// task-ready at install time by writing its TFLite input metadata (scripts/models/tflite-metadata.mjs).
// Frames are shrunk to at most MAX_SIDE pixels first: the detector's input is 128x128 anyway, and handing it a
// full-resolution frame only costs time. For still photos ("thorough"), four overlapping tiles are searched as
// well, because a group photo's small faces vanish at 128x128.
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';
import { type Detection, iou } from '../../../src/core/face/blazeface-decode';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';

export const TASK_MODEL = 'blazeface/face_detection_short_range.task.tflite';
const MAX_SIDE = 512;
/** Tile size as a fraction of the image side (2x2 tiles overlapping by 40 %). */
const TILE = 0.7;

export interface TasksDetectOptions {
  readonly maxFaces: number;
  readonly minScore: number;
  readonly thorough: boolean;
}

interface ModuleFactoryScope {
  ModuleFactory?: unknown;
}

export class TasksVisionDetector {
  readonly #canvas = new OffscreenCanvas(1, 1);

  private constructor(private readonly detector: FaceDetector) {}

  static async load(files: VerifiedModelFiles): Promise<TasksVisionDetector> {
    const fileset = await FilesetResolver.forVisionTasks(files.url('mediapipe'), true);
    // In a module worker tasks-vision imports its loader with import(), which runs it only once, and clears the
    // factory it defines after creating a task; put it back so (re)creating a detector always works.
    const loader = (await import(/* @vite-ignore */ fileset.wasmLoaderPath)) as { default: unknown };
    (self as ModuleFactoryScope).ModuleFactory = loader.default;
    const model = new Uint8Array(await files.bytes(TASK_MODEL));
    const detector = await FaceDetector.createFromOptions(fileset, {
      baseOptions: { modelAssetBuffer: model, delegate: 'CPU' },
      runningMode: 'IMAGE',
      minDetectionConfidence: 0.5,
      minSuppressionThreshold: 0.3,
    });
    const loaded = new TasksVisionDetector(detector);
    try {
      // MediaPipe reads every image through WebGL 2, even on its CPU delegate. A worker without WebGL 2 (Firefox
      // headless, some locked-down tablets) loads the task fine and fails on the first frame: find out now.
      loaded.detect(await createImageBitmap(new ImageData(64, 64)), { maxFaces: 1, minScore: 0.5, thorough: false });
    } catch (err) {
      loaded.dispose();
      throw err;
    }
    return loaded;
  }

  /** Detects faces in the region (sx, sy, sw, sh) of `image`, in image pixels. */
  #detectRegion(image: ImageBitmap, sx: number, sy: number, sw: number, sh: number, minScore: number): Detection[] {
    const scale = Math.min(1, MAX_SIDE / Math.max(sw, sh));
    const w = Math.max(1, Math.round(sw * scale));
    const h = Math.max(1, Math.round(sh * scale));
    this.#canvas.width = w;
    this.#canvas.height = h;
    const ctx = this.#canvas.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable in the face worker');
    ctx.drawImage(image, sx, sy, sw, sh, 0, 0, w, h);
    const result = this.detector.detect(this.#canvas);
    return result.detections.flatMap((d) => {
      const box = d.boundingBox;
      const score = d.categories[0]?.score ?? 0;
      if (!box || score < minScore || d.keypoints.length < 4) return [];
      return [
        {
          x: sx + box.originX / scale,
          y: sy + box.originY / scale,
          width: box.width / scale,
          height: box.height / scale,
          score,
          keypoints: d.keypoints.map((k) => ({ x: sx + (k.x * w) / scale, y: sy + (k.y * h) / scale })),
        },
      ];
    });
  }

  detect(image: ImageBitmap, options: TasksDetectOptions): Detection[] {
    const { width, height } = image;
    let found = this.#detectRegion(image, 0, 0, width, height, options.minScore);
    if (options.thorough) {
      const tw = Math.round(width * TILE);
      const th = Math.round(height * TILE);
      for (const [tx, ty] of [
        [0, 0],
        [width - tw, 0],
        [0, height - th],
        [width - tw, height - th],
      ] as const) {
        found = found.concat(this.#detectRegion(image, tx, ty, tw, th, options.minScore));
      }
    }
    // The same face found in the whole frame and in tiles: keep the best-scoring box of each overlapping group.
    const kept: Detection[] = [];
    for (const d of found.sort((a, b) => b.score - a.score)) {
      if (kept.length >= options.maxFaces) break;
      if (!kept.some((k) => iou(k, d) > 0.3 || contains(k, d) || contains(d, k))) kept.push(d);
    }
    return kept;
  }

  dispose(): void {
    this.detector.close();
  }
}

/** True when most of `inner` lies inside `outer` (a tile's cut-off face inside the whole-frame box). */
function contains(outer: Detection, inner: Detection): boolean {
  const x1 = Math.max(outer.x, inner.x);
  const y1 = Math.max(outer.y, inner.y);
  const x2 = Math.min(outer.x + outer.width, inner.x + inner.width);
  const y2 = Math.min(outer.y + outer.height, inner.y + inner.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter > 0.7 * inner.width * inner.height;
}
