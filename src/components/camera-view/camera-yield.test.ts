import { describe, expect, it } from 'vitest';
import { claimCamera, yieldCamera } from './camera-yield';

/** A camera that records what it was told. */
function fakeCamera(state = 'live') {
  const camera = {
    state,
    calls: [] as string[],
    start() {
      camera.calls.push('start');
      camera.state = 'live';
      return Promise.resolve();
    },
    stop() {
      camera.calls.push('stop');
      camera.state = 'off';
    },
  };
  return camera;
}

describe('camera-yield', () => {
  it('stops the counter camera while another view has a camera, and starts it again after', () => {
    const counter = fakeCamera();
    const counting = yieldCamera(counter);
    const wizard = {};
    claimCamera(wizard, true);
    expect(counter.calls).toEqual(['stop']);
    claimCamera(wizard, true); // still starting, then live: told once
    claimCamera(wizard, false);
    expect(counter.calls).toEqual(['stop', 'start']);
    counting.release();
  });

  it('does not start a camera that was off by choice, and waits for the last of two claims', () => {
    const counter = fakeCamera('off');
    const counting = yieldCamera(counter);
    const a = {};
    const b = {};
    claimCamera(a, true);
    claimCamera(b, true);
    claimCamera(a, false);
    expect(counter.calls).toEqual([]);
    claimCamera(b, false);
    expect(counter.calls).toEqual([]);
    counting.release();
  });

  it('a view that connects while the camera is taken waits for it; a released view is not told any more', () => {
    const wizard = {};
    claimCamera(wizard, true);
    const counter = fakeCamera('off');
    const counting = yieldCamera(counter);
    expect(counting.paused()).toBe(true);
    claimCamera(wizard, false);
    // Freed: it starts, as its autostart would have.
    expect(counter.calls).toEqual(['start']);
    counting.release();
    claimCamera(wizard, true);
    claimCamera(wizard, false);
    expect(counter.calls).toEqual(['start']);
  });
});
