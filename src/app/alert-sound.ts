// The watch-list alert sound: two short tones from Web Audio (no audio file to ship, nothing to download).
// Browsers (Safari on iPad above all) keep an AudioContext suspended until the page has had a tap or a key, and
// an alert is raised by the camera, never by a tap; so the context is created and resumed on the first gesture
// and kept, and the alert plays on it later.

/** The part of an AudioContext the alert uses (a fake in unit tests). */
export type AlertAudio = Pick<
  AudioContext,
  'state' | 'resume' | 'currentTime' | 'createOscillator' | 'createGain' | 'destination'
>;

const GESTURES = ['pointerdown', 'keydown', 'touchend'] as const;

export class AlertSound {
  #audio: AlertAudio | undefined;

  constructor(private readonly createAudio: () => AlertAudio = () => new AudioContext()) {}

  /** Creates and resumes the audio context on the first tap or key on `target` (once; later ones are ignored). */
  armOnFirstGesture(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): void {
    const arm = (): void => {
      for (const g of GESTURES) target.removeEventListener(g, arm, true);
      this.#resume();
    };
    for (const g of GESTURES) target.addEventListener(g, arm, true);
  }

  /** Whether the alert can be heard now (the context is running). */
  get ready(): boolean {
    return this.#audio?.state === 'running';
  }

  play(): void {
    try {
      const audio = this.#resume();
      if (!audio) return;
      const now = audio.currentTime;
      for (const [i, freq] of [880, 660].entries()) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + i * 0.25);
        gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.25 + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.25 + 0.22);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + i * 0.25);
        osc.stop(now + i * 0.25 + 0.24);
      }
    } catch {
      // No audio output: the on-screen alert still shows.
    }
  }

  #resume(): AlertAudio | undefined {
    try {
      this.#audio ??= this.createAudio();
      if (this.#audio.state === 'suspended') void this.#audio.resume().catch(() => undefined);
      return this.#audio;
    } catch {
      return undefined; // Web Audio unavailable
    }
  }
}
