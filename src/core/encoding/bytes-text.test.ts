import { describe, expect, it } from 'vitest';
import { fromBase64, toBase32, toBase64 } from './bytes-text';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('bytes as text', () => {
  it('base32 as RFC 4648 has it (lower case, no padding)', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'my'],
      ['fo', 'mzxq'],
      ['foo', 'mzxw6'],
      ['foob', 'mzxw6yq'],
      ['fooba', 'mzxw6ytb'],
      ['foobar', 'mzxw6ytboi'],
    ];
    for (const [plain, encoded] of vectors) expect(toBase32(ascii(plain))).toBe(encoded);
  });

  it('base64 reads back every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(all))).toEqual(all);
    expect(toBase64(ascii('foobar'))).toBe('Zm9vYmFy');
  });
});
