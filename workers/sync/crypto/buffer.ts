// Byte arrays as WebCrypto takes them.

/** The bytes behind a buffer view, as WebCrypto takes them (a copy, so later changes to `b` do not leak in). */
export function buffer(b: Uint8Array): ArrayBuffer {
  return b.slice().buffer;
}
