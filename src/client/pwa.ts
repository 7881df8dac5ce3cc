// Service worker registration through workbox-window. A new version is never swapped in silently: when one is
// waiting, `updateWaiting` turns true and the UI offers a reload; only on the user's yes does the new worker
// take over and the page reload.
import { Workbox } from 'workbox-window';
import { Observable } from '../core/observable';

export interface PwaState {
  readonly supported: boolean;
  readonly registered: boolean;
  /** The app shell, wasm and models are precached: the app will start without a network. */
  readonly offlineReady: boolean;
  /** A new version is installed and waiting for the user's go-ahead. */
  readonly updateWaiting: boolean;
}

export const pwaState = new Observable<PwaState>({
  supported: 'serviceWorker' in navigator,
  registered: false,
  offlineReady: false,
  updateWaiting: false,
});

let workbox: Workbox | undefined;

/**
 * How often a running app asks for a new version. The browser only checks on navigation, and the counter runs
 * all day on one page with hash routes, so without this an update would wait for the next day's reload.
 */
const UPDATE_CHECK_MS = 60 * 60_000;

/**
 * Registers the service worker of the folder the app is served from (`base` in vite.config.ts: '/' at the root
 * of a domain, e.g. '/counterpart/' under a sub-path), so it only ever controls the app's own pages.
 */
export async function registerServiceWorker(base = import.meta.env.BASE_URL): Promise<void> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  workbox = new Workbox(`${base}sw.js`, { scope: base });
  workbox.addEventListener('waiting', () => pwaState.update((s) => ({ ...s, updateWaiting: true })));
  workbox.addEventListener('installed', (e) => {
    if (!e.isUpdate) pwaState.update((s) => ({ ...s, offlineReady: true }));
  });
  try {
    await workbox.register();
    // An already-active worker from an earlier visit means everything is precached already.
    const ready = Boolean(navigator.serviceWorker.controller);
    pwaState.update((s) => ({ ...s, registered: true, offlineReady: s.offlineReady || ready }));
    // Offline, the check fails quietly and is tried again next time.
    setInterval(() => void workbox?.update().catch(() => undefined), UPDATE_CHECK_MS);
  } catch (err) {
    console.warn('Service worker registration failed; the app works but not offline.', err);
  }
}

/** The user agreed: let the waiting worker take over, then reload once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}
