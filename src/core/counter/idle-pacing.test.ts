import { describe, expect, it } from 'vitest';
import { IDLE_PACING, IdlePacing, changedShare } from './idle-pacing';

/** One frame through the pacer: analysed at `t` (if it wants it), its result back 40 ms later with `faces`. */
function step(p: IdlePacing, t: number, thumb: () => Uint8Array | undefined, faces = 0): boolean {
  if (!p.wants(t, thumb)) return false;
  p.sent(t);
  p.analysed(t + 40, faces);
  return true;
}

const W = 32;
const H = 24;

/** A background with a little sensor noise (seeded), like an empty counter. */
function background(seed: number, brightness = 0): Uint8Array {
  const px = new Uint8Array(W * H);
  let s = seed;
  for (let i = 0; i < px.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const wall = 90 + (i % W) * 2 + (s % 3) - 1;
    px[i] = Math.min(255, Math.max(0, wall + brightness));
  }
  return px;
}

/** The same background with a face-sized patch (`size` x `size` thumbnail pixels) of skin in it. */
function withPerson(px: Uint8Array, size: number): Uint8Array {
  const out = Uint8Array.from(px);
  for (let y = 8; y < 8 + size; y++) for (let x = 12; x < 12 + size; x++) out[y * W + x] = 190;
  return out;
}

describe('changedShare', () => {
  it('sees no change in sensor noise or a change of exposure', () => {
    expect(changedShare(background(1), background(2), IDLE_PACING.changeLevel)).toBe(0);
    expect(changedShare(background(1), background(2, 40), IDLE_PACING.changeLevel)).toBe(0);
  });

  it('sees a person stepping into view, even a small one at the edge of the picture', () => {
    expect(changedShare(withPerson(background(2), 3), background(1), IDLE_PACING.changeLevel)).toBeGreaterThanOrEqual(
      IDLE_PACING.changedShare,
    );
  });
});

describe('IdlePacing', () => {
  const empty = () => background(7);

  it('analyses every frame while someone is in view and for a few seconds after', () => {
    const p = new IdlePacing();
    p.reset(0);
    for (let t = 0; t < 10_000; t += 100) {
      expect(p.wants(t, empty)).toBe(true);
      p.sent(t);
      p.analysed(t + 50, 1);
    }
    // Nobody from 10 s on: still full rate until idleAfterMs has passed since the last face.
    expect(p.wants(10_000 + IDLE_PACING.idleAfterMs - 200, empty)).toBe(true);
  });

  it('when idle, analyses a frame a second (the heartbeat) and skips the unchanged ones in between', () => {
    const p = new IdlePacing();
    p.reset(0);
    let analysed = 0;
    for (let t = 0; t < 20_000; t += 67) if (step(p, t, empty)) analysed++;
    // 3 s at full rate (45 frames), then about one a second for 17 s.
    expect(analysed).toBeGreaterThan(45 + 14);
    expect(analysed).toBeLessThan(45 + 20);
    expect(p.isIdle(20_000)).toBe(true);
  });

  it('lets through the first frame in which the picture changed, without waiting for the heartbeat', () => {
    const p = new IdlePacing();
    p.reset(0);
    for (let t = 0; t <= 5000; t += 100) step(p, t, empty);
    // Just after a heartbeat: the next unchanged frame waits…
    expect(p.wants(5050, empty)).toBe(false);
    // …a frame with someone in it goes at once.
    expect(p.wants(5100, () => withPerson(background(9), 4))).toBe(true);
    p.sent(5100);
    p.analysed(5300, 1);
    // A face was found: back to the full rate.
    expect(p.isIdle(5300)).toBe(false);
    expect(p.wants(5367, empty)).toBe(true);
  });

  it('keeps the idle rate a small share of the busy rate on a slow machine', () => {
    const p = new IdlePacing();
    p.reset(0);
    // Busy frames only every 500 ms (2 fps): idle frames at most every 2.5 s.
    for (let t = 0; t < 10_000; t += 500) {
      p.sent(t);
      p.analysed(t + 450, 2);
    }
    expect(p.idleIntervalMs).toBeGreaterThanOrEqual(IDLE_PACING.idleShareOfBusy * 450);
  });

  it('without a readable thumbnail, falls back to the heartbeat alone', () => {
    const p = new IdlePacing();
    p.reset(0);
    const unreadable = () => undefined;
    let analysed = 0;
    for (let t = 3000; t < 13_000; t += 67) if (step(p, t, unreadable)) analysed++;
    expect(analysed).toBeGreaterThanOrEqual(9);
    expect(analysed).toBeLessThanOrEqual(11);
  });
});
