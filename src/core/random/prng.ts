// A small seeded pseudo-random generator, shared by everything that must be reproducible from a seed: item2vec
// training and the validation splits (the same seed gives the same vectors in Node, in a browser and in a Web
// Worker), the demo shop's generated year of sales, and the fuzz and simulation tests. Nothing here may touch
// Math.random. The generator is Marsaglia's xorshift128 (period 2^128 - 1), seeded through an integer hash so
// that nearby seeds (1, 2, 3…) give unrelated streams. It is fast enough to draw inside the training hot loop.

/** Mix a 32-bit integer into a well-scrambled 32-bit integer (an avalanche hash, used only for seeding). */
function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const TWO_POW_MINUS_32 = 1 / 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const s = Math.floor(seed) | 0;
    this.a = mix32(s ^ 0x9e3779b9);
    this.b = mix32(this.a + 0x6a09e667);
    this.c = mix32(this.b + 0xbb67ae85);
    this.d = mix32(this.c + 0x3c6ef372);
    // xorshift128 must not start from the all-zero state.
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1;
  }

  /** Uniform unsigned 32-bit integer. */
  nextU32(): number {
    let t = this.d;
    const s = this.a;
    this.d = this.c;
    this.c = this.b;
    this.b = s;
    t ^= t << 11;
    t ^= t >>> 8;
    this.a = (t ^ s ^ (s >>> 19)) >>> 0;
    return this.a;
  }

  /** Uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextU32() * TWO_POW_MINUS_32;
  }

  /** Uniform integer in [0, n) for 0 < n <= 2^32 (bias below 2^-11 for n < 2^21, irrelevant here). */
  nextInt(n: number): number {
    return Math.floor(this.nextU32() * TWO_POW_MINUS_32 * n);
  }

  /** Shuffle in place (Fisher-Yates). */
  shuffle<T extends { length: number; [i: number]: unknown }>(xs: T): T {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = xs[i];
      xs[i] = xs[j];
      xs[j] = tmp;
    }
    return xs;
  }
}
