// Options a test sets for the test build before the app starts (`window.counterpartTestOptions`, written by a
// Playwright init script). The shipped build never reads them: every caller is behind `__TEST_HOOKS__`.
import type { BackendName } from '../core/engine/choose-backend';
import type { EngineInitOptions } from '../shared/face-engine-api';

export interface TestOptions {
  /** Run the face models on exactly this backend, with no speed trial (see EngineInitOptions.exactBackend). */
  readonly exactBackend?: BackendName;
  /**
   * 'assume-live': the counter and camera enrolment take every face as live. For the test clips that move a
   * photo to look like a person (the real presentation-attack check rightly flags them); the attack tests leave
   * it unset and face the real check.
   */
  readonly livenessOverride?: 'assume-live';
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

/** True when the test asked for every face to be taken as live. */
export function livenessOverride(): boolean {
  return testOptions().livenessOverride === 'assume-live';
}
