/**
 * True only in the test build (`vite build --mode e2e`, the harness page and unit tests): guards the hooks that
 * tests need and the shipped app must not carry. Replaced by a constant at build time, so the guarded code is
 * removed from the shipped bundle.
 */
declare const __TEST_HOOKS__: boolean;
/**
 * The one server origin this deployment may replicate with (COUNTERPART_SYNC_ORIGIN at build time; see
 * core/sync/sync-origin.ts), or '' when the shop does not sync.
 */
declare const __SYNC_ORIGIN__: string;
