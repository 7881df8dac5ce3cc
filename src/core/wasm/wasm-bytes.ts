// Just enough of the WebAssembly binary format to write the two small SIMD kernels by hand (gallery search and
// item2vec's gradient step) without a toolchain. Each helper returns the bytes of one instruction or section;
// the kernels' text form is in a comment beside them, and their tests compare them with plain JavaScript.

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;

export const get = (i: number) => [0x20, i];
export const set = (i: number) => [0x21, i];
/** i32.const for small non-negative values (< 64, one signed LEB byte). */
export const i32 = (n: number) => [0x41, n];
export const F32_ONE = [0x43, 0x00, 0x00, 0x80, 0x3f];
export const V128_ZERO = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];

export const op = {
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  i32GeU: 0x4f,
  i32Eqz: 0x45,
  i32Load: [0x28, 0x02, 0x00],
  f32Add: 0x92,
  f32Sub: 0x93,
  f32Mul: 0x94,
  f32Div: 0x95,
  f32Neg: 0x8c,
  f32Store: [0x38, 0x02, 0x00],
  f32ConvertI32U: 0xb3,
  f32DemoteF64: 0xb6,
  f64PromoteF32: 0xbb,
  f32x4Add: [0xfd, 0xe4, 0x01],
  f32x4Mul: [0xfd, 0xe6, 0x01],
  f32x4Splat: [0xfd, 0x13],
  v128Store: [0xfd, 0x0b, 0x02, 0x00],
} as const;

/** v128.load with a 4-byte alignment hint and a small constant offset (< 128). */
export const v128Load = (offset = 0) => [0xfd, 0x00, 0x02, offset];
export const f32x4Lane = (lane: number) => [0xfd, 0x1f, lane];
export const call = (index: number) => [0x10, index];
/** The sum of the four lanes of the v128 in local `v` (one f32 left on the stack). */
export const laneSum = (v: number) => [
  ...get(v),
  ...f32x4Lane(0),
  ...get(v),
  ...f32x4Lane(1),
  op.f32Add,
  ...get(v),
  ...f32x4Lane(2),
  ...get(v),
  ...f32x4Lane(3),
  op.f32Add,
  op.f32Add,
];

/** `block (loop (br_if 1 (i32.ge_u (local.get counter) (local.get limit))) ...body... counter += step; br 0)` */
export function countedLoop(counter: number, limit: number, step: number, body: readonly number[]): number[] {
  return [
    ...[0x02, 0x40, 0x03, 0x40],
    ...get(counter),
    ...get(limit),
    op.i32GeU,
    ...[0x0d, 0x01],
    ...body,
    ...get(counter),
    ...i32(step),
    op.i32Add,
    ...set(counter),
    ...[0x0c, 0x00, 0x0b, 0x0b],
  ];
}

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

export const section = (id: number, content: readonly number[]) => [id, ...uleb(content.length), ...content];

export function name(s: string): number[] {
  const bytes = new TextEncoder().encode(s);
  return [bytes.length, ...bytes];
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Compiles `bytes`, or returns null where WebAssembly (or its SIMD) is unavailable or blocked. */
export function compileOrNull(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    return null;
  }
}
