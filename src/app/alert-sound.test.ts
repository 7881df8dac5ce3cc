import { describe, expect, it } from 'vitest';
import { type AlertAudio, AlertSound } from './alert-sound';

/** An AudioContext that starts suspended, as Safari's does, and records the tones played on it. */
function fakeAudio() {
  const tones: number[] = [];
  const audio = {
    state: 'suspended' as AudioContextState,
    resumed: 0,
    currentTime: 0,
    destination: {},
    resume() {
      this.resumed++;
      this.state = 'running';
      return Promise.resolve();
    },
    createGain: () => ({
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: (x: unknown) => x,
    }),
    createOscillator: () => {
      const osc = {
        frequency: { value: 0 },
        connect: (g: unknown) => g,
        start: () => tones.push(osc.frequency.value),
        stop: () => undefined,
      };
      return osc;
    },
  };
  return { audio, tones };
}

describe('AlertSound', () => {
  it('resumes the audio on the first tap, so a later alert raised by the camera is heard', () => {
    const { audio, tones } = fakeAudio();
    let created = 0;
    const sound = new AlertSound(() => (created++, audio as unknown as AlertAudio));
    const page = new EventTarget();
    sound.armOnFirstGesture(page);
    expect(created).toBe(0);
    page.dispatchEvent(new Event('pointerdown'));
    expect(sound.ready).toBe(true);
    page.dispatchEvent(new Event('keydown'));
    expect(audio.resumed).toBe(1);
    sound.play();
    expect(tones).toEqual([880, 660]);
    expect(created).toBe(1);
  });

  it('never throws where there is no Web Audio', () => {
    const sound = new AlertSound(() => {
      throw new Error('no audio');
    });
    expect(() => sound.play()).not.toThrow();
    expect(sound.ready).toBe(false);
  });
});
