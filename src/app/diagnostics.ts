// Read-only figures for `npm run bench -- counter` and `-- soak`, reachable from the page as
// `window.counterpartDiagnostics`: frame rate, camera-to-overlay latency, face count, and the engine's tensor
// count. Nothing personal: no names, ids, templates or pictures.
import type { AppContext } from './app-context';

export interface Diagnostics {
  counter(): { fps: number; latencyMs: number | undefined; faces: number };
  engineMemory(): Promise<{ numTensors: number; numBytes: number }>;
}

declare global {
  interface Window {
    counterpartDiagnostics?: Diagnostics;
  }
}

export function exposeDiagnostics(context: AppContext): void {
  window.counterpartDiagnostics = {
    counter: () => {
      const s = context.counter.state.value;
      return { fps: s.fps, latencyMs: s.latencyMs, faces: s.tracks.filter((t) => t.visible).length };
    },
    engineMemory: () => context.engine.memory(),
  };
}
