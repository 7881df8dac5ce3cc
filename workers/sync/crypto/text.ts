// Bytes as text for documents on the server: base64 for ciphertext, lower-case base32 (RFC 4648 alphabet, no
// padding) for document and key ids, which CouchDB and URLs take as they are.

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32.charAt((value << (5 - bits)) & 31);
  return out;
}

/** The bytes behind a buffer view, as WebCrypto takes them (a copy, so later changes to `b` do not leak in). */
export function buffer(b: Uint8Array): ArrayBuffer {
  return b.slice().buffer;
}
