// Nothing may leave the device. Third-party runtimes can still try: MediaPipe tasks-vision 1.1.0 creates a usage
// logger with every task that POSTs to https://odml.pa.googleapis.com/v1/log once a minute. Each worker therefore
// replaces `fetch` with one that refuses any other origin before loading such code. The refusal looks like a
// network error to the caller (the logger then stops for good), and it is counted so tests can see it happened.
// The Content-Security-Policy's connect-src 'self' is the second line of defence, where headers are served.

export interface SameOriginGuard {
  /** Requests refused so far (origins only: URLs can carry data). */
  readonly blocked: readonly string[];
}

const ALWAYS_LOCAL = new Set(['blob:', 'data:']);

/**
 * `also`: the one more origin a worker may reach (the sync worker's server, named by the deployment: see
 * core/sync/sync-origin.ts); every other worker passes nothing.
 */
export function restrictFetchToOrigin(scope: typeof globalThis = globalThis, also?: string): SameOriginGuard {
  const blocked: string[] = [];
  const original = scope.fetch.bind(scope);
  const allowed = new Set([scope.location.origin, ...(also ? [also] : [])]);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
    const url = new URL(raw, scope.location.href);
    if (!allowed.has(url.origin) && !ALWAYS_LOCAL.has(url.protocol)) {
      blocked.push(url.origin);
      return Promise.reject(new TypeError(`Counterpart keeps every request on this device; refused ${url.origin}`));
    }
    return original(input, init);
  };
  return { blocked };
}
