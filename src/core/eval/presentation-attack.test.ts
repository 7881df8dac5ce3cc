import { describe, expect, it } from 'vitest';
import {
  type CaptureEvidence,
  calibrate,
  captureScore,
  leaveOneGroupOut,
  rates,
  thresholdFor,
} from './presentation-attack';

/** A capture whose verdicts saw these (nonPlanar, planeGain) pairs. */
function capture(label: 'real' | 'attack', group: string, ...points: [number, number][]): CaptureEvidence {
  return {
    label,
    group,
    evidence: points.map(([nonPlanar, planeGain]) => ({ nonPlanar, planeGain, model: 0.8 })),
    complete: points.length > 0,
  };
}

const flatOnly = { planeWeight: 0, modelWeight: 0 };

describe('presentation-attack calibration', () => {
  it("scores a capture by its lowest verdict, as the counter's latched decision does", () => {
    const c = capture('real', 'a', [0.03, 1.1], [0.01, 1.1]);
    expect(captureScore(c, flatOnly)).toBeCloseTo(Math.log(0.01));
    expect(captureScore(capture('real', 'a'), flatOnly)).toBeUndefined();
    // Never a full window of samples: it could not have been judged live.
    expect(captureScore({ ...c, complete: false }, flatOnly)).toBeUndefined();
  });

  it('counts an attack cut short before a full window by its lowest verdict, as if it had gone on', () => {
    const cut = { ...capture('attack', 'a', [0.03, 1.1], [0.05, 1.1]), complete: false };
    expect(captureScore(cut, flatOnly)).toBeCloseTo(Math.log(0.03));
    // Accepted at a threshold its verdicts never went below; an attack with no verdict at all is not.
    expect(rates([cut], flatOnly, Math.log(0.02))).toMatchObject({ apcer: 1 });
    expect(rates([capture('attack', 'b')], flatOnly, Math.log(0.02))).toMatchObject({ apcer: 0 });
  });

  it('takes the strictest threshold within the BPCER budget, with a margin below the last real kept', () => {
    const reals = [0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.065].map((x, i) =>
      capture('real', `r${i}`, [x, 1]),
    );
    const attacks = [capture('attack', 'x', [0.01, 1]), capture('attack', 'y', [0.028, 1])];
    // 10 real captures and BPCER <= 0.1: one may be rejected (0.02); 0.025 must pass.
    const t = thresholdFor([...reals, ...attacks], flatOnly, 0.1);
    expect(t).toBeCloseTo((Math.log(0.025) + Math.log(0.02)) / 2);
    expect(rates([...reals, ...attacks], flatOnly, t)).toMatchObject({ bpcer: 0.1, apcer: 0.5 });
  });

  it('counts a real capture without a verdict as rejected, within the budget', () => {
    const reals = [0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.065, 0.07].map((x, i) =>
      capture('real', `r${i}`, [x, 1]),
    );
    const all = [...reals, capture('real', 'none'), capture('attack', 'x', [0.02, 1])];
    const t = thresholdFor(all, flatOnly, 0.1);
    expect(rates(all, flatOnly, t)).toMatchObject({ bpcer: 0.1, apcer: 0 });
  });

  it('gives the plane term weight only when it separates better, and checks that on held-out groups', () => {
    // Tilted prints leave as much residual as live faces but a large plane gain.
    const data = [
      ...['p', 'q', 'r', 's'].flatMap((g) => [
        capture('real', g, [0.02, 1.1]),
        capture('real', g, [0.025, 1.15]),
        capture('attack', g, [0.022, 1.9]),
        capture('attack', g, [0.03, 2.4]),
      ]),
    ];
    const grid = [0, 1, 2].map((planeWeight) => ({ planeWeight, modelWeight: 0 }));
    const chosen = calibrate(data, grid, 0.25);
    expect(chosen.planeWeight).toBeGreaterThan(0);
    expect(chosen.apcer).toBe(0);
    const loso = leaveOneGroupOut(data, grid, 0.25);
    expect(loso.folds).toHaveLength(4);
    expect(loso.apcer).toBe(0);
    expect(loso.bpcer).toBeLessThanOrEqual(0.25);
  });
});
