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

const I32 = 0x7f;
const V128 = 0x7b;

const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const i32 = (n: number) => [0x41, n]; // small non-negative constants only (n < 64)
const SHL = 0x74;
const ADD = 0x6a;
const GE_U = 0x4f;
const load = (offset: number) => [0xfd, 0x00, 0x02, offset]; // v128.load align=4 bytes, offset < 128
const F32X4_ADD = [0xfd, 0xe4, 0x01];
const F32X4_MUL = [0xfd, 0xe6, 0x01];
const lane = (k: number) => [0xfd, 0x1f, k]; // f32x4.extract_lane
const F32_ADD = 0x92;

// Locals: params 0..4 (m, p, out, rows, dim), then r=5, j=6, row=7 (i32), a0..a3 = 8..11 (v128).
const body = [
  ...[0x02, 0x03, I32, 0x04, V128], // local declarations
  ...get(0),
  ...set(7),
  ...[0x02, 0x40, 0x03, 0x40], // block, loop (rows)
  ...get(5),
  ...get(3),
  GE_U,
  ...[0x0d, 0x01], // br_if out of the rows block
  ...[0xfd, 0x0c, ...new Array<number>(16).fill(0)], // v128.const 0
  ...set(8),
  ...get(8),
  ...set(9),
  ...get(8),
  ...set(10),
  ...get(8),
  ...set(11),
  ...i32(0),
  ...set(6),
  ...[0x02, 0x40, 0x03, 0x40], // block, loop (dims)
  ...get(6),
  ...get(4),
  GE_U,
  ...[0x0d, 0x01],
  ...[0, 1, 2, 3].flatMap((k) => [
    ...get(8 + k),
    ...get(7),
    ...get(6),
    ...i32(2),
    SHL,
    ADD,
    ...load(16 * k),
    ...get(1),
    ...get(6),
    ...i32(2),
    SHL,
    ADD,
    ...load(16 * k),
    ...F32X4_MUL,
    ...F32X4_ADD,
    ...set(8 + k),
  ]),
  ...get(6),
  ...i32(16),
  ADD,
  ...set(6),
  ...[0x0c, 0x00, 0x0b, 0x0b], // br (dims loop), end loop, end block
  ...get(8),
  ...get(9),
  ...F32X4_ADD,
  ...get(10),
  ...get(11),
  ...F32X4_ADD,
  ...F32X4_ADD,
  ...set(8),
  ...get(2),
  ...get(5),
  ...i32(2),
  SHL,
  ADD,
  ...get(8),
  ...lane(0),
  ...get(8),
  ...lane(1),
  F32_ADD,
  ...get(8),
  ...lane(2),
  ...get(8),
  ...lane(3),
  F32_ADD,
  F32_ADD,
  ...[0x38, 0x02, 0x00], // f32.store
  ...get(7),
  ...get(4),
  ...i32(2),
  SHL,
  ADD,
  ...set(7),
  ...get(5),
  ...i32(1),
  ADD,
  ...set(5),
  ...[0x0c, 0x00, 0x0b, 0x0b], // br (rows loop), end loop, end block
  0x0b, // end function
];

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
const name = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  return [bytes.length, ...bytes];
};

const MODULE_BYTES = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [0x01, 0x60, 0x05, I32, I32, I32, I32, I32, 0x00]),
  ...section(3, [0x01, 0x00]),
  ...section(5, [0x01, 0x00, 0x01]),
  ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('scores'), 0x00, 0x00]),
  ...section(10, [0x01, ...uleb(body.length), ...body]),
]);

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where wasm SIMD is unavailable (or blocked by a content security policy). */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled =
      typeof WebAssembly === 'object' && WebAssembly.validate(MODULE_BYTES)
        ? new WebAssembly.Module(MODULE_BYTES)
        : null;
  } catch {
    compiled = null;
  }
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
