import { describe, expect, it } from 'vitest';
import { NewFrameGate, STALE_COUNTER_S } from './new-frame-gate';

const reading = (time: number, presented?: number, decoded?: number) => ({ time, presented, decoded });

describe('NewFrameGate', () => {
  it('lets the first frame through, then only frames the video presented since', () => {
    const gate = new NewFrameGate();
    expect(gate.admit(reading(0.0, 1))).toBe(true);
    expect(gate.admit(reading(0.1, 1))).toBe(false); // a 2 fps file still shows its first frame
    expect(gate.admit(reading(0.4, 1))).toBe(false);
    expect(gate.admit(reading(0.5, 2))).toBe(true);
    expect(gate.admit(reading(0.6, 2))).toBe(false);
  });

  it('uses the decoded-frame count where presented frames are not reported', () => {
    const gate = new NewFrameGate();
    expect(gate.admit(reading(0.0, undefined, 3))).toBe(true);
    expect(gate.admit(reading(0.2, undefined, 3))).toBe(false);
    expect(gate.admit(reading(0.5, undefined, 4))).toBe(true);
  });

  it('falls back to the playback position: a stalled file hands on nothing', () => {
    const gate = new NewFrameGate();
    expect(gate.admit(reading(0))).toBe(true);
    expect(gate.admit(reading(0))).toBe(false);
    expect(gate.admit(reading(0))).toBe(false);
    expect(gate.admit(reading(0.04))).toBe(true);
  });

  it('does not stop the frames when a counter stops moving while the video plays on', () => {
    const gate = new NewFrameGate();
    expect(gate.admit(reading(0, 5))).toBe(true);
    expect(gate.admit(reading(STALE_COUNTER_S / 2, 5))).toBe(false);
    expect(gate.admit(reading(STALE_COUNTER_S, 5))).toBe(true);
  });

  it('takes the same playback position for the same frame, even when a counter moved', () => {
    const gate = new NewFrameGate();
    expect(gate.admit(reading(4.5, 20, 10))).toBe(true);
    expect(gate.admit(reading(0.0, 20, 1))).toBe(true); // rewound at the end
    expect(gate.admit(reading(0.0, 21, 1))).toBe(false); // the first frame presented again after the rewind
    expect(gate.admit(reading(0.0, undefined, 2))).toBe(false);
    expect(gate.admit(reading(0.5, 22, 2))).toBe(true);
  });

  it('after a retraction admits that frame again, but not the one handed on before it', () => {
    const gate = new NewFrameGate();
    const first = reading(0.0, 1);
    const second = reading(0.5, 2);
    expect(gate.admit(first)).toBe(true);
    expect(gate.admit(second)).toBe(true);
    gate.retract(second); // its copy was blank: nothing was handed on
    expect(gate.admit(reading(0.0, 1))).toBe(false);
    expect(gate.admit(reading(0.5, 2))).toBe(true);
    gate.retract(first); // not the last one admitted: no effect
    expect(gate.admit(reading(0.5, 2))).toBe(false);
  });

  it('lets the first frame after the loop point through, and starts afresh after a reset', () => {
    const gate = new NewFrameGate();
    expect(gate.admit(reading(4.9, 50))).toBe(true);
    expect(gate.admit(reading(0.0, 50))).toBe(true); // looped: the counter may lag, the position jumped back
    gate.reset();
    expect(gate.admit(reading(0.0, 50))).toBe(true);
  });
});
