import { describe, expect, it } from 'vitest';
import { PAIRING_CODE_BITS, formatPairingCode, newPairingCode, readPairingCode } from './pairing-code';

const fill = (values: number[]) => (b: Uint8Array<ArrayBuffer>) => {
  b.set(values.slice(0, b.length));
  return b;
};

describe('pairing codes', () => {
  it('carry 60 bits in twelve characters with no I, L, O or U', () => {
    expect(PAIRING_CODE_BITS).toBe(60);
    const code = newPairingCode(fill([0, 1, 2, 3, 31, 30, 29, 28, 255, 224, 18, 17]));
    expect(code).toBe('0123ZYXWZ0JH');
    expect(newPairingCode((b) => crypto.getRandomValues(b))).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
  });

  it('use every character equally often', () => {
    const counts = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      const ch = newPairingCode(fill(new Array<number>(12).fill(b)))[0] as string;
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect(new Set(counts.values())).toEqual(new Set([8]));
  });

  it('read what people type: lower case, dashes, spaces, and letters taken for digits', () => {
    expect(formatPairingCode('7K3MQ9TD2XHW')).toBe('7K3M-Q9TD-2XHW');
    expect(readPairingCode('7k3m-q9td-2xhw')).toBe('7K3MQ9TD2XHW');
    expect(readPairingCode(' 7K3M Q9TD 2XHW ')).toBe('7K3MQ9TD2XHW');
    expect(readPairingCode('OI2L-0000-0000')).toBe('0121' + '00000000');
    expect(readPairingCode('7K3M-Q9TD-2XH')).toBeUndefined();
    expect(readPairingCode('7K3M-Q9TD-2XHU')).toBeUndefined();
  });
});
