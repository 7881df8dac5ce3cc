// item2vec's gradient step (see `sgnsStep` in sgns-step.ts, the plain JavaScript reference it must agree with) in
// WebAssembly SIMD: four float lanes per instruction for the dot products and the two row updates, which is
// where training spends its time. The training loop itself (subsampling, negative draws, learning rate) stays
// in JavaScript and calls `step` once per (item, basket-mate) pair. The sigmoid uses JavaScript's Math.exp
// (imported), so results match the reference up to float32 rounding.
//
// Text form of the exported function (byte offsets into the module's own memory):
//   step(in, rows, count, lr, dim, outBase, acc):
//     acc[0..dim) = 0
//     for d in 0..count:
//       o = outBase + rows[d] * dim * 4
//       f = dot(in, o);  g = lr * ((d == 0) - 1 / (1 + exp(-f)))
//       acc += g * o;  o += g * in
//     in += acc
import {
  F32,
  F32_ONE,
  F64,
  HEADER,
  I32,
  V128,
  V128_ZERO,
  call,
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

// Params: 0 in, 1 rows, 2 count, 3 lr (f32), 4 dim, 5 outBase, 6 acc.
// Locals: 7 d, 8 o, 9 k (byte index), 10 bytes (i32); 11 f, 12 g (f32); 13 dot, 14 gv (v128).
const IN = 0;
const ROWS = 1;
const COUNT = 2;
const LR = 3;
const DIM = 4;
const OUT_BASE = 5;
const ACC = 6;
const D = 7;
const O = 8;
const K = 9;
const BYTES = 10;
const FDOT = 11;
const G = 12;
const DOT = 13;
const GV = 14;

const addr = (base: number) => [...get(base), ...get(K), op.i32Add];

const body = [
  ...[0x03, 0x04, I32, 0x02, F32, 0x02, V128],
  ...get(DIM),
  ...i32(2),
  op.i32Shl,
  ...set(BYTES),
  ...i32(0),
  ...set(K),
  ...countedLoop(K, BYTES, 16, [...addr(ACC), ...V128_ZERO, ...op.v128Store]),
  ...i32(0),
  ...set(D),
  ...countedLoop(D, COUNT, 1, [
    // o = outBase + rows[d] * bytes
    ...get(OUT_BASE),
    ...get(ROWS),
    ...get(D),
    ...i32(2),
    op.i32Shl,
    op.i32Add,
    ...op.i32Load,
    ...get(BYTES),
    op.i32Mul,
    op.i32Add,
    ...set(O),
    // f = dot(in, o)
    ...V128_ZERO,
    ...set(DOT),
    ...i32(0),
    ...set(K),
    ...countedLoop(K, BYTES, 16, [
      ...get(DOT),
      ...addr(IN),
      ...v128Load(),
      ...addr(O),
      ...v128Load(),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...set(DOT),
    ]),
    ...laneSum(DOT),
    ...set(FDOT),
    // g = lr * (label - 1 / (1 + exp(-f))), label = (d == 0)
    ...get(D),
    op.i32Eqz,
    op.f32ConvertI32U,
    ...F32_ONE,
    ...F32_ONE,
    ...get(FDOT),
    op.f32Neg,
    op.f64PromoteF32,
    ...call(0),
    op.f32DemoteF64,
    op.f32Add,
    op.f32Div,
    op.f32Sub,
    ...get(LR),
    op.f32Mul,
    ...set(G),
    ...get(G),
    ...op.f32x4Splat,
    ...set(GV),
    // acc += g * o; o += g * in (acc first: it needs o before its update)
    ...i32(0),
    ...set(K),
    ...countedLoop(K, BYTES, 16, [
      ...addr(ACC),
      ...addr(ACC),
      ...v128Load(),
      ...get(GV),
      ...addr(O),
      ...v128Load(),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.v128Store,
      ...addr(O),
      ...addr(O),
      ...v128Load(),
      ...get(GV),
      ...addr(IN),
      ...v128Load(),
      ...op.f32x4Mul,
      ...op.f32x4Add,
      ...op.v128Store,
    ]),
  ]),
  // in += acc
  ...i32(0),
  ...set(K),
  ...countedLoop(K, BYTES, 16, [
    ...addr(IN),
    ...addr(IN),
    ...v128Load(),
    ...addr(ACC),
    ...v128Load(),
    ...op.f32x4Add,
    ...op.v128Store,
  ]),
  0x0b,
];

const MODULE_BYTES = new Uint8Array([
  ...HEADER,
  // Types: 0 = step (i32, i32, i32, f32, i32, i32, i32) -> (); 1 = exp (f64) -> f64.
  ...section(1, [0x02, 0x60, 0x07, I32, I32, I32, F32, I32, I32, I32, 0x00, 0x60, 0x01, F64, 0x01, F64]),
  ...section(2, [0x01, ...name('m'), ...name('exp'), 0x00, 0x01]),
  ...section(3, [0x01, 0x00]),
  ...section(5, [0x01, 0x00, 0x01]),
  ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('step'), 0x00, 0x01]),
  ...section(10, [0x01, ...uleb(body.length), ...body]),
]);

let compiled: WebAssembly.Module | null | undefined;

const PAGE = 65536;

/** Training state in wasm memory: both matrices, the output-row list of one step, and scratch. */
export interface SgnsKernel {
  /** size x dim input ("word") vectors, a view into wasm memory. */
  readonly input: Float32Array;
  /** size x dim output ("context") vectors. */
  readonly output: Float32Array;
  /** Output rows of the next step: [positive, negatives…]. */
  readonly rows: Int32Array;
  /** One gradient step for input row `inRow` against `rows[0..count)`. */
  step(inRow: number, count: number, lr: number): void;
}

/** A kernel for `size` items of `dim` dimensions (dim a multiple of 4), or undefined where it cannot run. */
export function createSgnsKernel(size: number, dim: number, maxRows: number): SgnsKernel | undefined {
  if (dim % 4 !== 0 || size === 0) return undefined;
  if (compiled === undefined) compiled = compileOrNull(MODULE_BYTES);
  if (!compiled) return undefined;
  try {
    const instance = new WebAssembly.Instance(compiled, { m: { exp: Math.exp } });
    const memory = instance.exports.memory as WebAssembly.Memory;
    const matrixBytes = size * dim * 4;
    const rowsBytes = Math.ceil((maxRows * 4) / 16) * 16;
    const total = 2 * matrixBytes + rowsBytes + dim * 4;
    const have = memory.buffer.byteLength;
    if (total > have) memory.grow(Math.ceil((total - have) / PAGE));
    const buffer = memory.buffer;
    const input = new Float32Array(buffer, 0, size * dim);
    const output = new Float32Array(buffer, matrixBytes, size * dim);
    const rows = new Int32Array(buffer, 2 * matrixBytes, maxRows);
    const acc = 2 * matrixBytes + rowsBytes;
    const stepFn = instance.exports.step as (
      inOff: number,
      rowsOff: number,
      count: number,
      lr: number,
      dim: number,
      outBase: number,
      acc: number,
    ) => void;
    const rowBytes = dim * 4;
    return {
      input,
      output,
      rows,
      step: (inRow, count, lr) => stepFn(inRow * rowBytes, rows.byteOffset, count, lr, dim, matrixBytes, acc),
    };
  } catch {
    return undefined;
  }
}
