// The face worker as the test build starts it: the same worker, remembered, so that a test can make it crash.
// Only `__TEST_HOOKS__` code refers to this module, so the shipped build does not contain it.
import { startFaceWorker } from '../client/face-engine';

let current: Worker | undefined;

export function recordingEngineWorker(): Worker {
  current = startFaceWorker();
  return current;
}

/**
 * Fault injection: the worker reports an uncaught error, as when its script crashes. The engine client reacts
 * exactly as to a real crash (it terminates the worker and starts a new one).
 */
export function crashEngineWorker(): boolean {
  if (!current) return false;
  current.dispatchEvent(new ErrorEvent('error', { message: 'injected crash' }));
  return true;
}
