// Options a test sets for the test build before the app starts (`window.counterpartTestOptions`, written by a
// Playwright init script). The shipped build never reads them: every caller is behind `__TEST_HOOKS__`.
import type { BackendName } from '../core/engine/choose-backend';
import type { EngineInitOptions } from '../shared/face-engine-api';

export interface TestOptions {
  /** Run the face models on exactly this backend, with no speed trial (see EngineInitOptions.exactBackend). */
  readonly exactBackend?: BackendName;
}

declare global {
  interface Window {
    counterpartTestOptions?: TestOptions;
  }
}

export function testOptions(): TestOptions {
  return typeof window === 'undefined' ? {} : (window.counterpartTestOptions ?? {});
}

/** The face engine's test-only init options. */
export function engineTestOptions(): Partial<EngineInitOptions> {
  const { exactBackend } = testOptions();
  return exactBackend ? { exactBackend } : {};
}
