import { describe, expect, it } from 'vitest';
import { Rng } from '../random/prng';
import { SGNS_BASE, trainSgns, type SgnsSettings } from './sgns';
import { drawNegative, keepProbability, negativeTable } from './sgns-sampling';
import { sgnsStep } from './sgns-step';
import type { EncodedBaskets } from './vocab';

function corpusOf(baskets: number[][]): EncodedBaskets {
  const offsets = new Int32Array(baskets.length + 1);
  baskets.forEach((b, i) => (offsets[i + 1] = (offsets[i] as number) + b.length));
  return { items: Int32Array.from(baskets.flat()), offsets };
}

/** Two disjoint groups of items; each basket draws 3-5 items from one group. */
function plantedCorpus(groupSize: number, baskets: number, seed: number): EncodedBaskets {
  const rng = new Rng(seed);
  const out: number[][] = [];
  for (let b = 0; b < baskets; b++) {
    const base = (b % 2) * groupSize;
    const ids = Array.from({ length: groupSize }, (_, i) => base + i);
    rng.shuffle(ids);
    out.push(ids.slice(0, 3 + rng.nextInt(3)));
  }
  return corpusOf(out);
}

const SMALL: SgnsSettings = { ...SGNS_BASE, dim: 8, epochs: 5, negative: 3, sample: 0, maxContext: 0, seed: 7 };

describe('sgnsStep', () => {
  it('matches a hand-computed update (dim 2, one positive, one negative)', () => {
    // Input row 0 = (0.1, -0.2); output row 1 = (0.3, 0.4) is the positive, row 2 = (-0.5, 0.1) the negative.
    const input = Float32Array.from([0.1, -0.2]);
    const output = Float32Array.from([0, 0, 0.3, 0.4, -0.5, 0.1]);
    sgnsStep(input, output, 2, 0, Int32Array.from([1, 2]), 2, 0.5, new Float64Array(2), new Float64Array(2));
    // Positive: f = 0.1*0.3 - 0.2*0.4 = -0.05, sigmoid(f) = 0.48750260, g = 0.5 * (1 - 0.48750260) = 0.25624870.
    //   acc = g * (0.3, 0.4) = (0.07687461, 0.10249948); out1 = (0.3, 0.4) + g * (0.1, -0.2) = (0.32562487, 0.34875026)
    // Negative: f = 0.1*-0.5 - 0.2*0.1 = -0.07, sigmoid(f) = 0.48250714, g = 0.5 * (0 - 0.48250714) = -0.24125357.
    //   acc += g * (-0.5, 0.1) -> (0.19750140, 0.07837412); out2 = (-0.5, 0.1) + g * (0.1, -0.2) = (-0.52412536, 0.14825071)
    // Input: (0.1, -0.2) + acc = (0.29750140, -0.12162588)
    const expected = { out1: [0.32562487, 0.34875026], out2: [-0.52412536, 0.14825071], in: [0.2975014, -0.12162588] };
    expect(output[0]).toBe(0);
    expect(output[1]).toBe(0);
    expect(output[2]).toBeCloseTo(expected.out1[0] as number, 6);
    expect(output[3]).toBeCloseTo(expected.out1[1] as number, 6);
    expect(output[4]).toBeCloseTo(expected.out2[0] as number, 6);
    expect(output[5]).toBeCloseTo(expected.out2[1] as number, 6);
    expect(input[0]).toBeCloseTo(expected.in[0] as number, 6);
    expect(input[1]).toBeCloseTo(expected.in[1] as number, 6);
  });

  it('agrees with a plain reference implementation when the unrolled loops and their tail both run', () => {
    const dim = 7;
    const rng = new Rng(3);
    const input = Float32Array.from({ length: 3 * dim }, () => rng.nextFloat() - 0.5);
    const output = Float32Array.from({ length: 5 * dim }, () => rng.nextFloat() - 0.5);
    const refIn = Array.from(input);
    const refOut = Array.from(output);
    const rows = [4, 0, 2, 0]; // a repeated negative is updated twice, in order
    const lr = 0.1;
    const inRow = 1;
    const acc = new Array<number>(dim).fill(0);
    rows.forEach((r, d) => {
      let f = 0;
      for (let k = 0; k < dim; k++) f += (refIn[inRow * dim + k] as number) * (refOut[r * dim + k] as number);
      const g = lr * ((d === 0 ? 1 : 0) - 1 / (1 + Math.exp(-f)));
      for (let k = 0; k < dim; k++) {
        acc[k] = (acc[k] as number) + g * (refOut[r * dim + k] as number);
        refOut[r * dim + k] = Math.fround((refOut[r * dim + k] as number) + g * (refIn[inRow * dim + k] as number));
      }
    });
    for (let k = 0; k < dim; k++)
      refIn[inRow * dim + k] = Math.fround((refIn[inRow * dim + k] as number) + (acc[k] as number));
    sgnsStep(
      input,
      output,
      dim,
      inRow,
      Int32Array.from(rows),
      rows.length,
      lr,
      new Float64Array(dim),
      new Float64Array(dim),
    );
    Array.from(input).forEach((x, i) => expect(x).toBeCloseTo(refIn[i] as number, 6));
    Array.from(output).forEach((x, i) => expect(x).toBeCloseTo(refOut[i] as number, 6));
  });
});

describe('negative sampling and subsampling', () => {
  it('draws ids in proportion to count^exponent and never zero-count ids', () => {
    const counts = [100, 0, 1, 30, 7, 1000];
    const table = negativeTable(counts, 0.75);
    const rng = new Rng(1);
    const hist = new Array<number>(counts.length).fill(0);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const id = drawNegative(table, rng.nextU32());
      hist[id] = (hist[id] ?? 0) + 1;
    }
    const total = counts.reduce((s, c) => s + c ** 0.75, 0);
    counts.forEach((c, i) => expect((hist[i] as number) / n).toBeCloseTo(c ** 0.75 / total, 2));
    expect(hist[1]).toBe(0);
  });

  it("uses word2vec's keep probability", () => {
    // count 1000 of 100000 tokens at sample 1e-3: t = 100; (sqrt(10) + 1) * 0.1 = 0.41623
    expect(keepProbability(1000, 100_000, 1e-3)).toBeCloseTo(0.41623, 5);
    expect(keepProbability(5, 100_000, 1e-3)).toBe(1);
    expect(keepProbability(1000, 100_000, 0)).toBe(1);
  });
});

describe('trainSgns', () => {
  const corpus = plantedCorpus(6, 400, 11);

  it('is bitwise deterministic for a seed', () => {
    const a = trainSgns(corpus, 12, SMALL).vectors;
    const b = trainSgns(corpus, 12, SMALL).vectors;
    expect(new Uint8Array(a.input.buffer)).toEqual(new Uint8Array(b.input.buffer));
    expect(new Uint8Array(a.output.buffer)).toEqual(new Uint8Array(b.output.buffer));
    const c = trainSgns(corpus, 12, { ...SMALL, seed: 8 }).vectors;
    expect(new Uint8Array(c.input.buffer)).not.toEqual(new Uint8Array(a.input.buffer));
  });

  it('puts items of the same planted group closer than items of different groups', () => {
    const { input, dim } = trainSgns(corpus, 12, { ...SMALL, epochs: 10 }).vectors;
    const cos = (i: number, j: number) => {
      let d = 0;
      let ni = 0;
      let nj = 0;
      for (let k = 0; k < dim; k++) {
        const x = input[i * dim + k] as number;
        const y = input[j * dim + k] as number;
        d += x * y;
        ni += x * x;
        nj += y * y;
      }
      return d / Math.sqrt(ni * nj);
    };
    let same = 0;
    let sameN = 0;
    let cross = 0;
    let crossN = 0;
    for (let i = 0; i < 12; i++)
      for (let j = i + 1; j < 12; j++) {
        if (i < 6 === j < 6) {
          same += cos(i, j);
          sameN++;
        } else {
          cross += cos(i, j);
          crossN++;
        }
      }
    expect(same / sameN - cross / crossN).toBeGreaterThan(0.5);
  });

  it('pairs each item with at most maxContext basket-mates and counts pairs', () => {
    const big = corpusOf([Array.from({ length: 10 }, (_, i) => i)]);
    const capped = trainSgns(big, 10, { ...SMALL, epochs: 1, maxContext: 3 });
    expect(capped.tokens).toBe(10);
    expect(capped.pairs).toBe(30);
    const whole = trainSgns(big, 10, { ...SMALL, epochs: 1, maxContext: 0 });
    expect(whole.pairs).toBe(90);
  });

  it('leaves items under minCount untrained with zero vectors', () => {
    const c = corpusOf([
      [0, 1],
      [0, 1],
      [0, 2],
    ]);
    const { vectors } = trainSgns(c, 3, { ...SMALL, minCount: 2 });
    expect([...vectors.trained]).toEqual([1, 1, 0]);
    expect(vectors.input.subarray(2 * SMALL.dim).every((x) => x === 0)).toBe(true);
  });

  it('reports progress and can be cancelled by the callback or an AbortSignal', () => {
    const fractions: number[] = [];
    trainSgns(
      corpus,
      12,
      { ...SMALL, epochs: 2 },
      { progressEvery: 100, onProgress: (p) => void fractions.push(p.fraction) },
    );
    expect(fractions.length).toBeGreaterThan(4);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] as number);

    let calls = 0;
    expect(() => trainSgns(corpus, 12, SMALL, { progressEvery: 10, onProgress: () => ++calls < 3 })).toThrow(
      /cancelled/,
    );
    expect(calls).toBe(3);
    const controller = new AbortController();
    controller.abort();
    expect(() => trainSgns(corpus, 12, SMALL, { signal: controller.signal })).toThrow(/cancelled/);
  });
});
