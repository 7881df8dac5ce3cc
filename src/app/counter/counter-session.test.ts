// The counter session's frame pipeline against a face engine whose answers the test releases by hand: a frame
// that was in the engine when the counter was reset (camera stopped, access withdrawn, app locked) must not bring
// the people it showed back on screen.
import { describe, expect, it } from 'vitest';
import { VisitorRegistry } from '../../core/tracking/visitors';
import type { AnalyzeResult } from '../../shared/face-engine-api';
import { CounterSession } from './counter-session';

function oneFace(): AnalyzeResult {
  return {
    faces: [
      {
        box: { x: 100, y: 100, width: 120, height: 120 },
        score: 0.95,
        keypoints: [],
        quality: { eyeDistance: 50, sharpness: 200, yaw: 0, pitch: 0, roll: 0, eyesVisible: true },
        embedding: Float32Array.from([1, 0, 0, 0]),
        attributes: {},
        thumbnail: new Uint8Array(256),
      },
    ],
    frameWidth: 640,
    frameHeight: 480,
    timings: {},
    backend: 'wasm',
  };
}

function sessionWithManualEngine() {
  const pending: ((r: AnalyzeResult) => void)[] = [];
  const failures: ((e: Error) => void)[] = [];
  const session = new CounterSession({
    engine: {
      analyze: () =>
        new Promise<AnalyzeResult>((resolve, reject) => {
          pending.push(resolve);
          failures.push(reject);
        }),
    },
    gallery: () => undefined,
    policy: () => ({ threshold: 0.9, margin: 0.02 }),
    livenessThreshold: 0.5,
    attributes: () => ({ age: true, gender: true, emotion: false }),
    visitors: new VisitorRegistry(0.9, 3600_000),
    onVisit: () => undefined,
  });
  // A stand-in bitmap: the fake engine never reads it.
  const frame = {} as ImageBitmap;
  return { session, pending, failures, frame };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('CounterSession frames in flight', () => {
  it('shows the face of an analysed frame', async () => {
    const { session, pending, frame } = sessionWithManualEngine();
    session.submit(frame, performance.now());
    pending[0]?.(oneFace());
    await settle();
    expect(session.state.value.tracks).toHaveLength(1);
  });

  it('drops the result of a frame submitted before a reset', async () => {
    const { session, pending, frame } = sessionWithManualEngine();
    session.submit(frame, performance.now());
    session.reset();
    pending[0]?.(oneFace());
    await settle();
    expect(session.state.value.tracks).toHaveLength(0);
    // Frames after the reset are shown again.
    session.submit(frame, performance.now());
    pending[1]?.(oneFace());
    await settle();
    expect(session.state.value.tracks).toHaveLength(1);
  });

  it('drops the error of a frame submitted before a reset', async () => {
    const { session, failures, frame } = sessionWithManualEngine();
    session.submit(frame, performance.now());
    session.reset();
    failures[0]?.(new Error('engine stopped'));
    await settle();
    expect(session.state.value.error).toBeUndefined();
  });
});
