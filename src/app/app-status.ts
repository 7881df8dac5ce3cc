// Device status shown in the header that no service owns: camera state (from <camera-view>), storage
// persistence and network. Engine and lock state come from their own observables in the app context.
import type { CameraState } from '../components/camera-view/camera-view.component';
import { Observable } from '../core/observable';

export interface AppStatus {
  readonly camera: CameraState;
  /** Whether the browser granted persistent storage (undefined = not asked / not supported). */
  readonly persisted: boolean | undefined;
  readonly online: boolean;
}

export const appStatus = new Observable<AppStatus>({
  camera: 'off',
  persisted: undefined,
  online: navigator.onLine,
});

/**
 * Whether the server the app came from answers. `navigator.onLine` only says a network interface is up (and in
 * some browsers stays true after a reload while offline), so the strip also asks the origin itself: a HEAD request
 * for a URL the service worker does not cache. Any HTTP answer, even 404, means reachable. Same origin only.
 */
export async function originReachable(timeoutMs = 4000): Promise<boolean> {
  if (!navigator.onLine) return false;
  try {
    const res = await fetch(`${import.meta.env.BASE_URL}network-probe?t=${Date.now()}`, {
      method: 'HEAD',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
    return res.type !== 'error';
  } catch {
    return false;
  }
}
