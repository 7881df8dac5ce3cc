// Gallery search's inner loop in WebAssembly SIMD: the similarity of one probe to every template is a
// matrix-vector product, and plain JavaScript manages about one multiply-add per cycle (15 ms for 100,000
// templates here). Four-lane f32 SIMD with four independent accumulators brings it under the 5 ms budget.
//
// The module is tiny and written out byte by byte below (no toolchain needed); its text form:
//   (func (export "scores") (param $m i32) (param $p i32) (param $out i32) (param $rows i32) (param $dim i32)
//     for r in 0..rows: a0..a3 = 0
//       for j in 0..dim step 16: a_k += load(m + 4j + 16k) * load(p + 4j + 16k)   (k = 0..3)
//       out[r] = sum of the lanes of (a0 + a1) + (a2 + a3);  m += 4 * dim)
// `dim` must be a multiple of 16 (templates are 128-d); anything else uses the JavaScript loop.
// Browsers without wasm SIMD (Safari before 16.4) also fall back to JavaScript.

import {
  HEADER,
  I32,
  V128,
  V128_ZERO,
  compileOrNull,
  countedLoop,
  get,
  i32,
  laneSum,
  name,
  op,
  section,
  set,
  uleb,
  v128Load,
} from '../wasm/wasm-bytes';

// Locals: params 0..4 (m, p, out, rows, dim), then r=5, j=6, row=7, byte index=12 (i32), a0..a3 = 8..11 (v128).
const rowBody = [
  ...V128_ZERO,
  ...set(8),
  ...get(8),
  ...set(9),
  ...get(8),
  ...set(10),
  ...get(8),
  ...set(11),
  ...i32(0),
  ...set(6),
  ...countedLoop(6, 4, 16, [
    ...get(6),
    ...i32(2),
    op.i32Shl,
    ...set(12),
    ...[0, 1, 2, 3].flatMap((k) => [
      ...get(8 + k),
      ...get(7),
      ...get(12),
      op.i32Add,
      ...v128Load(16 * k),
      ...get(1),
      ...get(12),
      op.i32Add,
      ...v128Load(16 * k),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...set(8 + k),
    ]),
  ]),
  ...get(8),
  ...get(9),
  ...op.f32x4Add,
  ...get(10),
  ...get(11),
  ...op.f32x4Add,
  ...op.f32x4Add,
  ...set(8),
  ...get(2),
  ...get(5),
  ...i32(2),
  op.i32Shl,
  op.i32Add,
  ...laneSum(8),
  ...op.f32Store,
  ...get(7),
  ...get(4),
  ...i32(2),
  op.i32Shl,
  op.i32Add,
  ...set(7),
];

const body = [
  ...[0x03, 0x03, I32, 0x04, V128, 0x01, I32], // locals: 3 i32, 4 v128, 1 i32
  ...get(0),
  ...set(7),
  ...countedLoop(5, 3, 1, rowBody),
  0x0b,
];

const MODULE_BYTES = new Uint8Array([
  ...HEADER,
  ...section(1, [0x01, 0x60, 0x05, I32, I32, I32, I32, I32, 0x00]),
  ...section(3, [0x01, 0x00]),
  ...section(5, [0x01, 0x00, 0x01]),
  ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('scores'), 0x00, 0x00]),
  ...section(10, [0x01, ...uleb(body.length), ...body]),
]);

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where wasm SIMD is unavailable (or blocked by a content security policy). */
function simdModule(): WebAssembly.Module | null {
  if (compiled === undefined) compiled = compileOrNull(MODULE_BYTES);
  return compiled;
}

const PAGE = 65536;

/** Scores a probe against a fixed matrix of rows; holds its own copy of the matrix in wasm memory. */
export class SimdScorer {
  readonly #scores: (m: number, p: number, out: number, rows: number, dim: number) => void;
  readonly #probe: Float32Array;
  readonly #out: Float32Array;

  private constructor(
    instance: WebAssembly.Instance,
    matrix: Float32Array,
    readonly size: number,
    readonly dim: number,
  ) {
    const memory = instance.exports.memory as WebAssembly.Memory;
    const bytes = (size * dim + dim + size) * 4;
    const pages = Math.ceil(bytes / PAGE);
    if (pages > memory.buffer.byteLength / PAGE) memory.grow(pages - memory.buffer.byteLength / PAGE);
    new Float32Array(memory.buffer, 0, size * dim).set(matrix.subarray(0, size * dim));
    this.#probe = new Float32Array(memory.buffer, size * dim * 4, dim);
    this.#out = new Float32Array(memory.buffer, (size * dim + dim) * 4, size);
    this.#scores = instance.exports.scores as (m: number, p: number, out: number, rows: number, dim: number) => void;
  }

  /** A scorer for `matrix` (size x dim, row-major), or undefined when the SIMD path cannot be used. */
  static create(matrix: Float32Array, size: number, dim: number): SimdScorer | undefined {
    if (dim % 16 !== 0 || size === 0) return undefined;
    const module = simdModule();
    if (!module) return undefined;
    try {
      return new SimdScorer(new WebAssembly.Instance(module), matrix, size, dim);
    } catch {
      return undefined; // e.g. not enough memory for a very large gallery: the JavaScript loop still works
    }
  }

  scoresInto(probe: ArrayLike<number>, out: Float32Array): void {
    this.#probe.set(probe);
    this.#scores(0, this.#probe.byteOffset, this.#out.byteOffset, this.size, this.dim);
    out.set(this.#out);
  }
}
