// Device status shown in the header that no service owns: camera state (from <camera-view>), storage
// persistence and network. Engine and lock state come from their own observables in the app context.
import type { CameraState } from '../components/camera-view/camera-view.component';
import { Observable } from './observable';

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
