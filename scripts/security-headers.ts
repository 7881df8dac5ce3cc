// HTTP headers the app is served with, by `npm start` (vite preview) and the dev server alike.
// - Cross-origin isolation (COOP + COEP) unlocks SharedArrayBuffer, which the recommender's training uses to be
//   cancelled at once (src/client/retail-client.ts). The face engine does not use it: TF.js's wasm backend runs
//   single-threaded, because its threaded build does not survive bundling (workers/face/runtime/backends.ts).
// - The Content-Security-Policy allows nothing but this origin: no remote script, style, image or connection.
//   'wasm-unsafe-eval' is needed to compile the TF.js and MediaPipe WebAssembly modules; nothing else is relaxed.
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': contentSecurityPolicy,
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};
