import { describe, expect, it } from 'vitest';
import type { Point } from '../face/similarity-transform';
import { fitResidual } from './planar-fit';
import { faceShape, jitter, project } from './test-faces';

const front = { yaw: 0, pitch: 0, roll: 0, x: 320, y: 240, distance: 10 };

describe('fitResidual', () => {
  it('a homography carries a flat picture exactly; a similarity does not once it is tilted', () => {
    const photo = faceShape(true);
    const a = project(photo, front);
    const b = project(photo, { ...front, yaw: 25, pitch: -10, x: 300, distance: 8 });
    expect(fitResidual(a, b, 'homography')).toBeLessThan(1e-6);
    expect(fitResidual(a, b, 'similarity')).toBeGreaterThan(1);
  });

  it('a move, turn and scale within the image plane is a similarity', () => {
    const a = project(faceShape(false), front);
    const turn = (p: Point): Point => {
      const c = Math.cos(0.3);
      const s = Math.sin(0.3);
      return { x: 1.2 * (c * p.x - s * p.y) + 40, y: 1.2 * (s * p.x + c * p.y) - 25 };
    };
    expect(fitResidual(a, a.map(turn), 'similarity')).toBeLessThan(1e-6);
  });

  it('a turning head leaves a residual no homography removes (parallax)', () => {
    const head = faceShape(false);
    const a = project(head, front);
    const b = project(head, { ...front, yaw: 15 });
    expect(fitResidual(a, b, 'homography')).toBeGreaterThan(0.5);
  });

  it('measures detector noise in pixels', () => {
    const a = project(faceShape(true), front);
    const r = fitResidual(a, jitter(a, 1, 3), 'homography');
    expect(r).toBeGreaterThan(0.4);
    expect(r).toBeLessThan(1.5);
  });

  it('is NaN for degenerate input', () => {
    const p = [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ];
    expect(fitResidual(p, p, 'homography')).toBeNaN();
    expect(fitResidual(p, p.slice(1), 'similarity')).toBeNaN();
  });
});
