import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { metaContentSecurityPolicy, securityHeaders } from './scripts/security-headers.ts';
import { parseSyncOrigin } from './src/core/sync/sync-origin.ts';

// Everything the app needs is served from its own origin and precached, so it runs offline after one load.

/** Install-step inputs listed in the models manifest are not used at run time: do not make users download them. */
const buildOnlyModels = (
  JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as { files: { file: string; buildOnly?: boolean }[] }
).files
  .filter((f) => f.buildOnly)
  .map((f) => `models/${f.file}`);
/**
 * Two builds. `vite build` is the shipped app. `vite build --mode e2e` is the test build (into dist-test/): the
 * same app plus the hooks tests and benchmarks need (diagnostics, fault injection, test-only engine options,
 * see src/test-hooks/). Code behind `__TEST_HOOKS__` is removed from the shipped build, and a test checks that
 * none of it is left in dist/.
 */
const STATIC_META_POLICY = metaContentSecurityPolicy();
/** The replication tests' server (e2e/support/sync-server.ts): the test build names it as its sync origin. */
const TEST_SYNC_ORIGIN = `http://127.0.0.1:${process.env.E2E_SYNC_PORT ?? 5989}`;

export default defineConfig(({ mode }) => {
  /** The one server a shop's deployment may replicate with (docs/design/sync.md); none unless named. */
  const syncOrigin = parseSyncOrigin(
    process.env.COUNTERPART_SYNC_ORIGIN ?? (mode === 'e2e' ? TEST_SYNC_ORIGIN : undefined),
  );
  return {
    define: { __TEST_HOOKS__: JSON.stringify(mode === 'e2e'), __SYNC_ORIGIN__: JSON.stringify(syncOrigin ?? '') },
    build: {
      outDir: mode === 'e2e' ? 'dist-test' : 'dist',
      target: 'es2022',
      sourcemap: true,
      // The TF.js bundle is large by nature; it lives in the face worker, not in the UI's start-up path.
      chunkSizeWarningLimit: 4096,
    },
    worker: { format: 'es' },
    // PouchDB (the sync worker) imports Node's `events`; in the browser it gets the npm package of that name.
    resolve: { alias: { events: 'events/' } },
    server: { headers: securityHeaders(syncOrigin) },
    preview: { headers: securityHeaders(syncOrigin), port: 4173, strictPort: true },
    plugins: [
      {
        // index.html carries the policy for hosts that cannot set headers; it must say what the headers say.
        name: 'counterpart-meta-csp',
        transformIndexHtml(html: string) {
          if (!html.includes(STATIC_META_POLICY))
            throw new Error('index.html: the meta content security policy changed');
          return html.replace(STATIC_META_POLICY, metaContentSecurityPolicy(syncOrigin));
        },
      },
      VitePWA({
        // A new version waits until staff agree to reload: never a silent swap mid-session.
        registerType: 'prompt',
        injectRegister: false,
        strategies: 'generateSW',
        includeAssets: ['icons/*.png', 'icons/*.svg', 'models/manifest.json'],
        manifest: {
          name: 'Counterpart',
          short_name: 'Counterpart',
          description:
            'On-device, face-aware retail assistant for shop staff. Works offline; nothing leaves the device.',
          // id, start_url and scope default to the build's base ('/' or a sub-path such as '/counterpart/').
          display: 'standalone',
          orientation: 'any',
          background_color: '#0f1720',
          theme_color: '#0f766e',
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json,wasm,bin,tflite}'],
          globIgnores: buildOnlyModels,
          // Model weights and wasm runtimes are several MB each; they must be precached for offline use.
          maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
          navigateFallback: 'index.html',
          cleanupOutdatedCaches: true,
          clientsClaim: false,
          skipWaiting: false,
        },
      }),
    ],
  };
});
