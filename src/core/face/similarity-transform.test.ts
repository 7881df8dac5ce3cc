import { describe, expect, it } from 'vitest';
import { affineScale, applyAffine, estimateSimilarity, invertAffine } from './similarity-transform';

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('estimateSimilarity', () => {
  it('recovers a known rotation, scale and translation exactly', () => {
    const theta = 0.3;
    const s = 1.7;
    const truth = (p: { x: number; y: number }) => ({
      x: s * (Math.cos(theta) * p.x - Math.sin(theta) * p.y) + 5,
      y: s * (Math.sin(theta) * p.x + Math.cos(theta) * p.y) - 2,
    });
    const src = [
      { x: 0, y: 0 },
      { x: 10, y: 1 },
      { x: 3, y: 8 },
      { x: -4, y: 5 },
    ];
    const m = estimateSimilarity(src, src.map(truth));
    close(affineScale(m), s);
    for (const p of src) {
      const q = applyAffine(m, p);
      close(q.x, truth(p).x);
      close(q.y, truth(p).y);
    }
  });

  it('maps two eye points onto their template positions', () => {
    const m = estimateSimilarity(
      [
        { x: 100, y: 120 },
        { x: 160, y: 110 },
      ],
      [
        { x: 38, y: 52 },
        { x: 74, y: 52 },
      ],
    );
    const l = applyAffine(m, { x: 100, y: 120 });
    const r = applyAffine(m, { x: 160, y: 110 });
    close(l.x, 38);
    close(l.y, 52);
    close(r.x, 74);
    close(r.y, 52);
  });

  it('is a least-squares fit when points are noisy', () => {
    const src = [
      { x: 0, y: 0 },
      { x: 1, y: 0 },
      { x: 0, y: 1 },
      { x: 1, y: 1 },
    ];
    const dst = [
      { x: 0.1, y: 0 },
      { x: 1, y: -0.1 },
      { x: 0, y: 1.1 },
      { x: 0.9, y: 1 },
    ];
    const m = estimateSimilarity(src, dst);
    const err = src.reduce((acc, p, i) => {
      const q = applyAffine(m, p);
      const d = dst[i] ?? p;
      return acc + (q.x - d.x) ** 2 + (q.y - d.y) ** 2;
    }, 0);
    // Any other similarity (e.g. identity) fits no better.
    const identityErr = src.reduce(
      (acc, p, i) => acc + (p.x - (dst[i]?.x ?? 0)) ** 2 + (p.y - (dst[i]?.y ?? 0)) ** 2,
      0,
    );
    expect(err).toBeLessThanOrEqual(identityErr);
  });

  it('refuses degenerate input', () => {
    expect(() => estimateSimilarity([{ x: 1, y: 1 }], [{ x: 0, y: 0 }])).toThrow();
    expect(() =>
      estimateSimilarity(
        [
          { x: 1, y: 1 },
          { x: 1, y: 1 },
        ],
        [
          { x: 0, y: 0 },
          { x: 1, y: 0 },
        ],
      ),
    ).toThrow(/coincide/);
  });
});

describe('invertAffine', () => {
  it('undoes the transform', () => {
    const m = estimateSimilarity(
      [
        { x: 0, y: 0 },
        { x: 2, y: 1 },
      ],
      [
        { x: 3, y: 4 },
        { x: 1, y: 7 },
      ],
    );
    const p = { x: 12.5, y: -3 };
    const back = applyAffine(invertAffine(m), applyAffine(m, p));
    close(back.x, p.x);
    close(back.y, p.y);
  });
});
