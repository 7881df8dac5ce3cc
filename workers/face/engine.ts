// The face engine: picks a backend by measurement, loads the verified models, and analyses frames. It lives in
// the face worker; the UI reaches it only through the typed bridge (src/client/face-engine.ts).
//
// Per face: one aligned 150x150 chip (similarity transform from the detector's keypoints) feeds the recogniser
// directly and age/gender and expression at 112x112; the presentation-attack models and the landmark net get the
// upright square crops around the detector's box they were trained on.
import * as tf from '@tensorflow/tfjs-core';
import {
  type BackendName,
  type BackendPreference,
  type BackendTrial,
  candidateOrder,
  chooseBackend,
  median,
  shouldAbandon,
} from '../../src/core/engine/choose-backend';
import type { Detection } from '../../src/core/face/blazeface-decode';
import type { CropGeometry } from '../../src/core/face/face-template';
import type {
  AnalyzeOptions,
  AnalyzeResult,
  EngineInfo,
  EngineInitOptions,
  EngineMemory,
  FaceResult,
  Stage,
} from '../../src/shared/face-engine-api';
import { VerifiedModelFiles } from '../../src/shared/model-files';
import type { AgeGenderSetup } from './pipeline/age-gender';
import { alignmentFor, warpCrop } from './pipeline/align';
import { type FaceSetup, analyzeFace } from './pipeline/analyze-face';
import { type Detector, type Models, disposeModels, loadDetector, loadModels } from './pipeline/models';
import { activateBackend, loseDevice, removeBackend, watchDeviceLoss } from './runtime/backends';

const TRIAL_RUNS = 3;

/**
 * face-api's chip: a square of side (eye-to-mouth distance / 0.45) whose eyes-and-mouth centroid sits at 43 % of
 * its height, which in our template terms is zoom 1.136 and shift -0.163. Derived from face-api's alignment
 * rule, confirmed on our validation pairs (98.3 % there, vs 95.3 % for the best guessed crop).
 */
export const FACE_CHIP: CropGeometry = { size: 150, zoom: 1.136, shiftY: -0.163 };
export const EMBEDDING_MODEL = 'face-api-resnet128-flip@1.7.15';
/**
 * Embeddings average the chip and its mirror image. On our open-set validation split this raised DIR at
 * FPIR 1 % from 0.598 to 0.660 (and rank-1 at FPIR <= 1 % from 0.643 to 0.655), for a second recogniser pass.
 */
export const FLIP_EMBEDDING = true;

/**
 * Age and gender: the chip and mirror averaging they are read with (see pipeline/age-gender.ts). Chosen on the
 * tuning folder's gender labels (scripts/tune/gender.ts, docs/eval/tune-gender.json): the recogniser's geometry at
 * 112 px was best of the crops tried (looser 0.88 / 1.0 and tighter 1.25 zoom, faces moved up or down), and
 * averaging with the mirror image raised gender accuracy there from 97.8 % to 98.2 % for one more pass of the net.
 */
export const AGE_GENDER: AgeGenderSetup = { chip: { size: 112, zoom: 1.136, shiftY: -0.163 }, flip: true };

export class FaceEngine {
  #files: VerifiedModelFiles | undefined;
  #options: EngineInitOptions | undefined;
  #models: Models | undefined;
  #detector: Detector | undefined;
  #backend: BackendName | undefined;
  #chip: CropGeometry = FACE_CHIP;
  #ageGender: AgeGenderSetup = AGE_GENDER;
  /** Set by a device-loss callback; the next analyze() moves to another backend first. */
  #lost: string | undefined;
  readonly #excluded: BackendName[] = [];

  async init(options: EngineInitOptions): Promise<EngineInfo> {
    this.#options = options;
    this.#chip = { ...FACE_CHIP, ...options.cropOverride };
    const { flip, ...crop } = options.ageGenderOverride ?? {};
    this.#ageGender = { chip: { ...AGE_GENDER.chip, ...crop }, flip: flip ?? AGE_GENDER.flip };
    this.#files = new VerifiedModelFiles(options.modelsBaseUrl);
    const problems = await this.#files.verifyAll();
    if (problems.length) throw new Error(problems.map((p) => p.message).join(' '));
    // Test build only: a test that needs one backend gets exactly that one, whatever this machine's speed.
    const exact = __TEST_HOOKS__ ? options.exactBackend : undefined;
    if (exact) return this.#use(exact, [{ name: exact, ok: true }]);
    return this.#start(options.backend ?? 'auto');
  }

  async #start(preference: BackendPreference, fallbackReason?: string): Promise<EngineInfo> {
    const trials: BackendTrial[] = [];
    const order = candidateOrder(preference, this.#excluded);
    // Measure wasm first when choosing freely: it is always there, and its time bounds how long a slow GPU
    // backend is given before it is abandoned.
    if (preference === 'auto') order.sort((a, b) => Number(b === 'wasm') - Number(a === 'wasm'));
    for (const name of order) {
      if (name === 'cpu' && trials.some((t) => t.ok)) break;
      const best = Math.min(...trials.filter((t) => t.ok && !t.abandoned).map((t) => t.medianMs ?? Infinity));
      const forced = name === preference;
      trials.push(await this.#trial(name, Number.isFinite(best) ? best : undefined, preference === 'auto', forced));
      // A forced backend that works ends the search; one that fails leaves the others to be tried.
      if (forced && trials.at(-1)?.ok) break;
    }
    const chosen = chooseBackend(trials, preference);
    if (!chosen)
      throw new Error(
        `No backend could run the face models: ${trials.map((t) => `${t.name}: ${t.error ?? 'too slow'}`).join('; ')}`,
      );
    return this.#use(chosen, trials, fallbackReason);
  }

  /** Activates `chosen`, loads the models on it and describes the result. */
  async #use(chosen: BackendName, trials: BackendTrial[], fallbackReason?: string): Promise<EngineInfo> {
    const files = this.#requireFiles();
    const details = await activateBackend(chosen, this.#requireOptions().modelsBaseUrl);
    this.#models = await this.#loadModels(files);
    this.#backend = chosen;
    this.#lost = undefined;
    watchDeviceLoss(chosen, (reason) => {
      this.#lost = reason;
    });
    return {
      backend: chosen,
      device: details.device,
      trials,
      modelFilesVerified: (await files.manifest()).files.length,
      detector: this.#models.detector.id,
      embeddingModel: EMBEDDING_MODEL,
      embeddingDim: 128,
      ...(fallbackReason ? { fallbackReason } : {}),
    };
  }

  /**
   * Loads the models on `name` and times a representative frame; always leaves no models loaded. When choosing
   * freely (`skipSoftware`), a GPU backend on a software rasteriser is not timed at all: its first frame alone
   * (shader compilation) took 11 s where wasm ran one in 0.09 s (SwiftShader WebGL, docs/eval), and every start
   * of the app would wait for it. Staff can still force it in Settings.
   */
  async #trial(
    name: BackendName,
    bestMs: number | undefined,
    skipSoftware: boolean,
    forced: boolean,
  ): Promise<BackendTrial> {
    let models: Models | undefined;
    let frame: tf.Tensor3D | undefined;
    try {
      const details = await activateBackend(name, this.#requireOptions().modelsBaseUrl);
      if (skipSoftware && details.software)
        return { name, ok: false, software: true, error: `software renderer (${details.device}), not tried` };
      const blank = tf.zeros<tf.Rank.R3>([480, 640, 3]);
      frame = blank;
      models = await this.#loadModels(this.#requireFiles());
      const loaded = models;
      const face: Detection = {
        x: 260,
        y: 180,
        width: 120,
        height: 120,
        score: 1,
        keypoints: [
          { x: 295, y: 220 },
          { x: 345, y: 220 },
          { x: 320, y: 250 },
          { x: 320, y: 275 },
        ],
      };
      const run = async () => {
        const t0 = performance.now();
        const chip = warpCrop(blank, alignmentFor(face, this.#chip), this.#chip.size);
        await loaded.recognizer.run(chip);
        chip.dispose();
        return performance.now() - t0;
      };
      const warmupMs = await run();
      const times: number[] = [];
      let abandoned = shouldAbandon({ ms: warmupMs, warmup: true }, bestMs, forced);
      for (let i = 0; i < TRIAL_RUNS && !abandoned; i++) {
        const t = await run();
        times.push(t);
        abandoned = shouldAbandon({ ms: t, warmup: false }, bestMs, forced);
      }
      return {
        name,
        ok: true,
        software: details.software,
        warmupMs,
        medianMs: median(times.length ? times : [warmupMs]),
        abandoned,
      };
    } catch (err) {
      return { name, ok: false, error: err instanceof Error ? err.message : String(err) };
    } finally {
      frame?.dispose();
      disposeModels(models);
    }
  }

  async analyze(bitmap: ImageBitmap, options: AnalyzeOptions): Promise<AnalyzeResult> {
    let changed: EngineInfo | undefined;
    try {
      if (this.#lost) changed = await this.#recover(this.#lost);
      const result = await this.#analyze(bitmap, options);
      return changed ? { ...result, engineChanged: changed } : result;
    } catch (err) {
      // A device lost mid-frame surfaces as an op failure: move backends and retry the frame once.
      if (!this.#lost) throw err;
      changed = await this.#recover(this.#lost);
      return { ...(await this.#analyze(bitmap, options)), engineChanged: changed };
    } finally {
      bitmap.close();
    }
  }

  async #recover(reason: string): Promise<EngineInfo> {
    const lost = this.#backend;
    disposeModels(this.#models);
    this.#models = undefined;
    if (lost) {
      this.#excluded.push(lost);
      removeBackend(lost);
    }
    return this.#start('auto', reason);
  }

  async #analyze(bitmap: ImageBitmap, options: AnalyzeOptions): Promise<AnalyzeResult> {
    const models = this.#models;
    const backend = this.#backend;
    if (!models || !backend) throw new Error('The face engine is not initialised.');
    const timings: Partial<Record<Stage | 'total', number>> = {};
    const t0 = performance.now();
    let mark = t0;
    const lap = (stage: Stage) => {
      const now = performance.now();
      timings[stage] = (timings[stage] ?? 0) + (now - mark);
      mark = now;
    };
    const frame = tf.browser.fromPixels(bitmap);
    lap('decode');
    const faces: FaceResult[] = [];
    try {
      const detections = await models.detector.detect(bitmap, frame, {
        maxFaces: options.maxFaces ?? 5,
        thorough: options.thorough ?? false,
      });
      // Largest (closest) faces first: they are the ones being served.
      detections.sort((a, b) => b.width * b.height - a.width * a.height);
      lap('detect');
      const setup: FaceSetup = {
        chip: this.#chip,
        ageGender: this.#ageGender,
        flipEmbedding: this.#options?.flipEmbedding ?? FLIP_EMBEDDING,
      };
      for (const d of detections) faces.push(await analyzeFace(models, frame, d, bitmap, options, lap, setup));
    } finally {
      frame.dispose();
    }
    timings.total = performance.now() - t0;
    return { faces, frameWidth: bitmap.width, frameHeight: bitmap.height, timings, backend };
  }

  async #loadModels(files: VerifiedModelFiles): Promise<Models> {
    // The detector runs outside TF.js (MediaPipe's own wasm), so it does not depend on the backend; it is
    // created once and kept across backend changes.
    this.#detector ??= await loadDetector(files);
    return loadModels(files, this.#detector);
  }

  memory(): EngineMemory {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  }

  simulateDeviceLoss(): boolean {
    return this.#backend ? loseDevice(this.#backend) : false;
  }

  dispose(): void {
    disposeModels(this.#models);
    this.#models = undefined;
    this.#detector?.dispose();
    this.#detector = undefined;
  }

  #requireFiles(): VerifiedModelFiles {
    if (!this.#files) throw new Error('The face engine is not initialised.');
    return this.#files;
  }

  #requireOptions(): EngineInitOptions {
    if (!this.#options) throw new Error('The face engine is not initialised.');
    return this.#options;
  }
}
