// Cancellation, however it arrives: a DOMException named AbortError (fetch, an AbortSignal, a job cancelled in a
// worker) or one of our own errors given that name (a frame replaced by a newer one). Staff asked for it or a newer
// request replaced it, so it is not an error to show.

/** True when `err` says the work was cancelled rather than failed. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
