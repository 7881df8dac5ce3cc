// item2vec's gradient step in plain JavaScript: the reference the WebAssembly SIMD kernel (sgns-kernel.ts) must
// agree with, and the step training uses where that kernel cannot run. Training (sgns.ts) calls it once per
// (item, basket-mate) pair, so it is written for speed: no allocation, inner loops unrolled by four.

/**
 * One SGNS gradient step for the input row `inRow` against output rows `outRows[0 .. outCount)`, where
 * outRows[0] is the observed (positive) item and the rest are negatives. Following word2vec, each output row is
 * updated at once, and the input row gets the accumulated gradient at the end:
 *   for each output o with label y (1 for the positive, 0 for negatives):
 *     g = lr * (y - sigmoid(in . out_o));  acc += g * out_o;  out_o += g * in
 *   in += acc
 * `vin` and `acc` are caller-provided scratch (length >= dim); the input row is copied to `vin` once so the inner
 * loops read a small double array, and they are unrolled by four (about 1.6x faster in V8 than the plain loops).
 */
export function sgnsStep(
  input: Float32Array,
  output: Float32Array,
  dim: number,
  inRow: number,
  outRows: Int32Array,
  outCount: number,
  lr: number,
  vin: Float64Array,
  acc: Float64Array,
): void {
  const a = inRow * dim;
  const dim4 = dim & ~3;
  for (let k = 0; k < dim; k++) {
    vin[k] = input[a + k] as number;
    acc[k] = 0;
  }
  for (let d = 0; d < outCount; d++) {
    const b = (outRows[d] as number) * dim;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    let f3 = 0;
    let k = 0;
    for (; k < dim4; k += 4) {
      f0 += (vin[k] as number) * (output[b + k] as number);
      f1 += (vin[k + 1] as number) * (output[b + k + 1] as number);
      f2 += (vin[k + 2] as number) * (output[b + k + 2] as number);
      f3 += (vin[k + 3] as number) * (output[b + k + 3] as number);
    }
    for (; k < dim; k++) f0 += (vin[k] as number) * (output[b + k] as number);
    const f = f0 + f1 + (f2 + f3);
    const g = lr * ((d === 0 ? 1 : 0) - 1 / (1 + Math.exp(-f)));
    k = 0;
    for (; k < dim4; k += 4) {
      const o0 = output[b + k] as number;
      const o1 = output[b + k + 1] as number;
      const o2 = output[b + k + 2] as number;
      const o3 = output[b + k + 3] as number;
      acc[k] = (acc[k] as number) + g * o0;
      acc[k + 1] = (acc[k + 1] as number) + g * o1;
      acc[k + 2] = (acc[k + 2] as number) + g * o2;
      acc[k + 3] = (acc[k + 3] as number) + g * o3;
      output[b + k] = o0 + g * (vin[k] as number);
      output[b + k + 1] = o1 + g * (vin[k + 1] as number);
      output[b + k + 2] = o2 + g * (vin[k + 2] as number);
      output[b + k + 3] = o3 + g * (vin[k + 3] as number);
    }
    for (; k < dim; k++) {
      const o = output[b + k] as number;
      acc[k] = (acc[k] as number) + g * o;
      output[b + k] = o + g * (vin[k] as number);
    }
  }
  for (let k = 0; k < dim; k++) input[a + k] = (vin[k] as number) + (acc[k] as number);
}
