// item2vec: skip-gram with negative sampling (word2vec's SGNS) where a basket plays the part of a sentence and the
// context of an item is the whole rest of its basket, because till order carries no meaning. Pure and
// synchronous so it can run in a Web Worker: it reports progress and checks for cancellation every few baskets.
//
// Implementation notes:
// - Input and output matrices are flat Float32Arrays (row = item id); all hot-loop scratch space is allocated
//   once, so training allocates nothing per basket or per pair.
// - Frequent items are subsampled with word2vec's rule, negatives are drawn from a unigram^alpha table, the
//   learning rate decays linearly over the run, and all randomness comes from the seeded Rng (bitwise
//   reproducible for a seed).
// - Very large baskets (hundreds of items) would dominate the work quadratically, so each target item can be
//   paired with at most `maxContext` randomly drawn basket-mates instead of all of them.
import { Rng } from '../random/prng';
import { drawNegative, keepProbability, negativeTable } from './sgns-sampling';
import { createSgnsKernel } from './sgns-kernel';
import { sgnsStep } from './sgns-step';
import type { EncodedBaskets } from './vocab';

export interface SgnsSettings {
  /** Vector dimensions. */
  readonly dim: number;
  /** Passes over the baskets. */
  readonly epochs: number;
  /** Negative samples per positive pair. */
  readonly negative: number;
  /** Exponent applied to item counts for the negative-sampling distribution. */
  readonly nsExponent: number;
  /** Subsampling threshold for frequent items (word2vec's `sample`); 0 disables subsampling. */
  readonly sample: number;
  /** Starting learning rate, decayed linearly to `minLearningRate`. */
  readonly learningRate: number;
  readonly minLearningRate: number;
  /** Context items drawn per target in baskets with more than this many other items; 0 = always all of them. */
  readonly maxContext: number;
  /** Items with fewer occurrences are not trained (their vectors stay zero and `trained` is 0). */
  readonly minCount: number;
  /** Visit baskets in a fresh random order each epoch. */
  readonly shuffle: boolean;
  readonly seed: number;
}

export const SGNS_BASE: SgnsSettings = {
  dim: 64,
  epochs: 20,
  negative: 10,
  nsExponent: 0.75,
  sample: 1e-3,
  learningRate: 0.025,
  minLearningRate: 1e-4,
  maxContext: 16,
  minCount: 1,
  shuffle: true,
  seed: 1,
};

export interface SgnsProgress {
  readonly epoch: number;
  readonly epochs: number;
  /** Share of the whole run done, 0..1. */
  readonly fraction: number;
  /** Target items trained so far (after subsampling), and (input, output) pairs. */
  readonly tokens: number;
  readonly pairs: number;
  readonly learningRate: number;
}

export interface SgnsCallbacks {
  /** Called every `progressEvery` baskets and once at the end; returning false cancels training. */
  readonly onProgress?: (progress: SgnsProgress) => boolean | undefined;
  readonly progressEvery?: number;
  /** Cancels training when aborted (checked with the same cadence as progress). */
  readonly signal?: AbortSignal;
  /**
   * Use the WebAssembly SIMD gradient step where it can run (default true); false forces the JavaScript
   * reference `sgnsStep`. Both give the same vectors up to float32 rounding.
   */
  readonly simd?: boolean;
}

export interface ItemVectors {
  readonly dim: number;
  /** Number of items (rows). */
  readonly size: number;
  /** Input ("word") vectors, row-major, size x dim. */
  readonly input: Float32Array;
  /** Output ("context") vectors, row-major, size x dim. */
  readonly output: Float32Array;
  /** 1 when the item took part in training. */
  readonly trained: Uint8Array;
}

export interface SgnsResult {
  readonly vectors: ItemVectors;
  readonly tokens: number;
  readonly pairs: number;
}

function cancelled(): DOMException {
  return new DOMException('item2vec training cancelled', 'AbortError');
}

/**
 * Train item vectors on `corpus` (ids in [0, size)). Throws an AbortError DOMException when cancelled.
 */
export function trainSgns(
  corpus: EncodedBaskets,
  size: number,
  settings: SgnsSettings,
  callbacks: SgnsCallbacks = {},
): SgnsResult {
  const { dim, epochs, negative, maxContext } = settings;
  const rng = new Rng(settings.seed);
  const { items, offsets } = corpus;
  const basketCount = offsets.length - 1;

  const counts = new Float64Array(size);
  for (const id of items) counts[id] = (counts[id] as number) + 1;
  const trained = new Uint8Array(size);
  let eligibleTokens = 0;
  for (let id = 0; id < size; id++) {
    if ((counts[id] as number) >= Math.max(1, settings.minCount)) {
      trained[id] = 1;
      eligibleTokens += counts[id] as number;
    } else counts[id] = 0;
  }
  // Keep probabilities as 32-bit thresholds so a draw is one integer comparison.
  const keep = new Float64Array(size);
  for (let id = 0; id < size; id++)
    keep[id] = keepProbability(counts[id] as number, eligibleTokens, settings.sample) * 4294967296;
  const table = negativeTable(counts, settings.nsExponent);

  const kernel = callbacks.simd === false ? undefined : createSgnsKernel(size, dim, negative + 1);
  const input = kernel ? kernel.input : new Float32Array(size * dim);
  const output = kernel ? kernel.output : new Float32Array(size * dim);
  for (let id = 0; id < size; id++) {
    if (!trained[id]) continue;
    for (let k = 0; k < dim; k++) input[id * dim + k] = (rng.nextFloat() - 0.5) / dim;
  }

  let longest = 0;
  for (let b = 0; b < basketCount; b++)
    longest = Math.max(longest, (offsets[b + 1] as number) - (offsets[b] as number));
  const kept = new Int32Array(longest);
  const outRows = kernel ? kernel.rows : new Int32Array(negative + 1);
  const vin = new Float64Array(dim);
  const acc = new Float64Array(dim);
  const order = Int32Array.from({ length: basketCount }, (_, b) => b);

  const plannedTokens = Math.max(1, eligibleTokens * epochs);
  const every = Math.max(1, callbacks.progressEvery ?? 256);
  let seenTokens = 0; // eligible tokens visited (before subsampling), drives the learning-rate schedule
  let tokens = 0;
  let pairs = 0;
  let lr = settings.learningRate;

  const report = (epoch: number): void => {
    if (callbacks.signal?.aborted) throw cancelled();
    const goOn = callbacks.onProgress?.({
      epoch,
      epochs,
      fraction: Math.min(1, seenTokens / plannedTokens),
      tokens,
      pairs,
      learningRate: lr,
    });
    if (goOn === false) throw cancelled();
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    if (settings.shuffle) rng.shuffle(order);
    for (let n = 0; n < basketCount; n++) {
      if (n % every === 0) report(epoch);
      const b = order[n] as number;
      const start = offsets[b] as number;
      const end = offsets[b + 1] as number;
      let m = 0;
      for (let p = start; p < end; p++) {
        const id = items[p] as number;
        if (!trained[id]) continue;
        seenTokens++;
        const threshold = keep[id] as number;
        if (threshold < 4294967296 && rng.nextU32() >= threshold) continue;
        kept[m++] = id;
      }
      lr = settings.learningRate - (settings.learningRate - settings.minLearningRate) * (seenTokens / plannedTokens);
      if (lr < settings.minLearningRate) lr = settings.minLearningRate;
      if (m < 2) continue;
      const whole = maxContext <= 0 || m - 1 <= maxContext;
      const contexts = whole ? m - 1 : maxContext;
      for (let i = 0; i < m; i++) {
        const word = kept[i] as number;
        tokens++;
        for (let c = 0; c < contexts; c++) {
          let j: number;
          if (whole) j = c < i ? c : c + 1;
          else {
            j = rng.nextInt(m - 1);
            if (j >= i) j++;
          }
          // Predict `word` from its basket-mate, drawing negatives that differ from `word`.
          outRows[0] = word;
          let count = 1;
          for (let d = 0; d < negative; d++) {
            const neg = drawNegative(table, rng.nextU32());
            if (neg !== word) outRows[count++] = neg;
          }
          if (kernel) kernel.step(kept[j] as number, count, lr);
          else sgnsStep(input, output, dim, kept[j] as number, outRows, count, lr, vin, acc);
          pairs++;
        }
      }
    }
  }
  report(epochs - 1);

  // Copies out of the kernel's wasm memory, so that memory can be collected with the kernel.
  const vectors = kernel
    ? { dim, size, input: input.slice(), output: output.slice(), trained }
    : { dim, size, input, output, trained };
  return { vectors, tokens, pairs };
}
