// HTTP headers the app is served with, by `npm start` (vite preview) and the dev server alike.
// - Cross-origin isolation (COOP + COEP) unlocks SharedArrayBuffer, which the recommender's training uses to be
//   cancelled at once (src/client/retail-client.ts). The face engine does not use it: TF.js's wasm backend runs
//   single-threaded, because its threaded build does not survive bundling (workers/face/runtime/backends.ts).
// - COEP is `require-corp`, except when a sync origin is configured: then it is `credentialless`. Settings › Sync
//   tells a CouchDB server that refuses this app's origin (CORS) from one that is down by a `no-cors` request to it
//   (workers/sync/browser-platform.ts); `require-corp` blocks that opaque response unless the server sends
//   Cross-Origin-Resource-Policy, which CouchDB does not send, so a CORS refusal looked like an unreachable server.
//   `credentialless` lets a no-cors response through because the request carries no credentials (no cookies, no
//   HTTP auth), and Chromium and Firefox still make the page cross-origin isolated with it. It opens nothing else:
//   connect-src below still admits 'self' and that one origin only. The price: Safari (WebKit) does not support
//   `credentialless`, so a sync-enabled deployment is not cross-origin isolated there, has no SharedArrayBuffer,
//   and cancelling a recommender training terminates its worker instead (restarted on the next call).
// - The Content-Security-Policy allows nothing but this origin: no remote script, style, image or connection.
//   'wasm-unsafe-eval' is needed to compile the TF.js and MediaPipe WebAssembly modules; nothing else is relaxed.
//   A deployment that replicates to its own CouchDB server names that one origin at build time
//   (COUNTERPART_SYNC_ORIGIN, see src/core/sync/sync-origin.ts); it is added to connect-src and nothing else.
export function contentSecurityPolicy(syncOrigin?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    syncOrigin ? `connect-src 'self' ${syncOrigin}` : "connect-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    "style-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy as index.html's meta tag mirrors it: a meta tag cannot carry frame-ancestors. */
export function metaContentSecurityPolicy(syncOrigin?: string): string {
  return contentSecurityPolicy(syncOrigin)
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
}

export function securityHeaders(syncOrigin?: string): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': syncOrigin ? 'credentialless' : 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': contentSecurityPolicy(syncOrigin),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
  };
}
