// Which build a spec runs on, said at the top of every spec file:
// - the shipped build (`npm run build`, dist/): what shops get, with no test hooks in it;
// - the test build (`npm run build:test`, dist-test/): the same app plus the hooks tests need (diagnostics that
//   count analysed frames, fault injection, test-only engine options; see src/test-hooks/).
// - the shipped build for a sub-path (`npm run build:subpath`, dist-subpath/, base /counterpart/): the same app
//   as a shop would host it in a folder of its web server; served by the spec itself (support/app-server.ts).
// The Playwright config serves the first two and puts their addresses in the environment for the test workers.
import { test } from '@playwright/test';

export const SHIPPED_URL = process.env.E2E_SHIPPED_URL ?? 'http://localhost:4173';
export const TEST_BUILD_URL = process.env.E2E_TEST_BUILD_URL ?? 'http://localhost:4176';

/** Where each build is written (relative to the repository root). */
export const SHIPPED_DIR = 'dist';
export const TEST_BUILD_DIR = 'dist-test';
export const SUBPATH_DIR = 'dist-subpath';
/** The base path the sub-path build is made for (package.json's build:subpath). */
export const SUBPATH_BASE = '/counterpart/';

/** Names that exist only in test-hook code: none may appear in the shipped bundle. */
export const TEST_HOOK_MARKERS = [
  'counterpartDiagnostics',
  'counterpartTestOptions',
  'exactBackend',
  'injected crash',
  'livenessOverride',
  'assume-live',
] as const;

/** The specs of this file run against the shipped build. */
export function onShippedBuild(): void {
  test.use({ baseURL: SHIPPED_URL });
}

/** The specs of this file run against the test build. */
export function onTestBuild(): void {
  test.use({ baseURL: TEST_BUILD_URL });
}
