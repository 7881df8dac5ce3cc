import { describe, expect, it } from 'vitest';
import { estimatePose, eyesVisible } from './pose';
import { templatePoints } from './face-template';

describe('estimatePose', () => {
  const frontal = templatePoints({ size: 200, zoom: 1, shiftY: 0 });

  it('reads a template face as frontal and level', () => {
    const p = estimatePose(frontal);
    expect(Math.abs(p.yaw)).toBeLessThan(2);
    expect(Math.abs(p.pitch)).toBeLessThan(2);
    expect(Math.abs(p.roll)).toBeLessThan(1);
    expect(p.eyeDistance).toBeCloseTo(((73.5318 - 38.2946) / 112) * 200, 0);
  });

  it('sees roll, and a nose moved sideways as yaw', () => {
    const angle = (20 * Math.PI) / 180;
    const rotated = frontal.map((q) => ({
      x: 100 + (q.x - 100) * Math.cos(angle) - (q.y - 100) * Math.sin(angle),
      y: 100 + (q.x - 100) * Math.sin(angle) + (q.y - 100) * Math.cos(angle),
    }));
    const r = estimatePose(rotated);
    expect(r.roll).toBeCloseTo(20, 0);
    expect(Math.abs(r.yaw)).toBeLessThan(2);
    const turned = frontal.map((q, i) => (i === 2 ? { x: q.x + 25, y: q.y } : q));
    expect(estimatePose(turned).yaw).toBeGreaterThan(25);
  });

  it('sees a nose close to the eyes as looking up or down', () => {
    const down = frontal.map((q, i) => (i === 2 ? { x: q.x, y: q.y + 15 } : q));
    expect(estimatePose(down).pitch).toBeGreaterThan(10);
  });
});

describe('eyesVisible', () => {
  it('needs both eyes in the frame and a moderate yaw', () => {
    const kp = [
      { x: 10, y: 10 },
      { x: 30, y: 10 },
    ];
    expect(eyesVisible(kp, 100, 100, 5)).toBe(true);
    expect(eyesVisible(kp, 20, 100, 5)).toBe(false);
    expect(eyesVisible(kp, 100, 100, 60)).toBe(false);
  });
});
