// Figures for `npm run bench -- counter` and `-- soak`, reachable from the page as
// `window.counterpartDiagnostics`: frame rate, camera-to-overlay latency, face count, and the engine's tensor
// count, and one fault injection (a face-worker crash) for the reliability tests. Nothing personal: no names,
// ids, templates or pictures.
import type { AppContext } from './app-context';

export interface Diagnostics {
  counter(): {
    fps: number;
    latencyMs: number | undefined;
    faces: number;
    updates: number;
    /** The counter's last error message, if frames are failing. */
    error: string | undefined;
    /** 'unlocked', 'locked', …: a locked app analyses no frames. */
    store: string;
    /** 'ready', 'restarting', 'failed', …: the face worker's state. */
    engine: string;
  };
  engineMemory(): Promise<{ numTensors: number; numBytes: number }>;
  /** Fault injection for the reliability tests: the face worker dies as in a crash (it is restarted). */
  crashEngine(): void;
}

declare global {
  interface Window {
    counterpartDiagnostics?: Diagnostics;
  }
}

export function exposeDiagnostics(context: AppContext): void {
  // Counter state updates (one per analysed frame), so a test can tell that frames are flowing again.
  let updates = 0;
  context.counter.state.subscribe(() => updates++);
  window.counterpartDiagnostics = {
    counter: () => {
      const s = context.counter.state.value;
      return {
        fps: s.fps,
        latencyMs: s.latencyMs,
        faces: s.tracks.filter((t) => t.visible).length,
        updates,
        error: s.error,
        store: context.storeState.value.state,
        engine: context.engine.status.value.state,
      };
    },
    engineMemory: () => context.engine.memory(),
    crashEngine: () => context.engine.simulateCrash(),
  };
}
