// What <camera-view> tells its listeners: its state, and the frames it hands on. Kept apart from the element so
// the frame pump and the pages can name these types without importing the element itself.
import type { CameraDevice, CameraProblem } from './camera-errors';

export type CameraState = 'off' | 'starting' | 'live' | 'error';

export interface CameraStateDetail {
  readonly state: CameraState;
  readonly problem: CameraProblem | undefined;
  readonly deviceId: string | undefined;
  readonly devices: readonly CameraDevice[];
  /** The size of the frames the camera delivers (undefined while it is off). */
  readonly width: number | undefined;
  readonly height: number | undefined;
}

/** Staff chose another camera in the view. */
export interface CameraPickDetail {
  readonly deviceId: string;
}

/** A captured frame. The listener owns `bitmap` and must close() or transfer it. */
export interface CameraFrameDetail {
  readonly bitmap: ImageBitmap;
  /** performance.now() when the frame was captured, for camera-to-overlay latency. */
  readonly capturedAt: number;
}

declare global {
  interface HTMLElementEventMap {
    'camera-state': CustomEvent<CameraStateDetail>;
    'camera-frame': CustomEvent<CameraFrameDetail>;
    'camera-pick': CustomEvent<CameraPickDetail>;
  }
}
