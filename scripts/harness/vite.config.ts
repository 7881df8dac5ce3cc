import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Builds the evaluation/benchmark page: a bare page that drives the app's real worker code (the same bridge and
// worker modules the app ships), without the UI. Served by scripts/harness/run-in-browser.mjs.
const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(here, 'page'),
  // The harness is a test tool: it may use the test-only engine options (src/build-flags.d.ts).
  define: { __TEST_HOOKS__: 'true', __SYNC_ORIGIN__: "''" },
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: path.resolve(here, '../../.cache/harness'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 8192,
  },
  worker: { format: 'es' },
  resolve: {
    // @vladmandic/human's exports map lists its no-bundle build under a key without "./", which resolvers
    // reject; point at the file directly (used only by the faces benchmark, to share the page's tfjs).
    alias: {
      'human-nobundle': path.resolve(here, '../../node_modules/@vladmandic/human/dist/human.esm-nobundle.js'),
    },
  },
});
