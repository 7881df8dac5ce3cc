// The app-wide status shown in the header. Updated by the shell from component events and the engine bridge.
import type { CameraState } from '../components/camera-view/camera-view.component';
import { Observable } from './observable';

export type ModelsState = 'checking' | 'ready' | 'error';

export interface AppStatus {
  readonly camera: CameraState;
  readonly backend: string | undefined;
  readonly models: ModelsState;
  readonly modelsProblem: string | undefined;
  readonly online: boolean;
}

export const appStatus = new Observable<AppStatus>({
  camera: 'off',
  backend: undefined,
  models: 'checking',
  modelsProblem: undefined,
  online: navigator.onLine,
});
