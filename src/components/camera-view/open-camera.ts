// Opening the camera staff chose, at the size the settings ask for. A remembered camera can be gone (unplugged,
// or the id of another tablet's camera after a restore): then the default camera is opened instead and the
// caller says so, rather than leaving the counter without a camera.
import { classifyCameraError } from './camera-errors';

export interface OpenedCamera {
  readonly stream: MediaStream;
  /** The chosen camera was not found; the stream is the default camera's. */
  readonly missingDevice: boolean;
}

export async function openCamera(
  media: Pick<MediaDevices, 'getUserMedia'>,
  deviceId: string,
  size: { readonly width: number; readonly height: number },
): Promise<OpenedCamera> {
  const asked = { width: { ideal: size.width }, height: { ideal: size.height } };
  if (deviceId) {
    try {
      const stream = await media.getUserMedia({ video: { ...asked, deviceId: { exact: deviceId } }, audio: false });
      return { stream, missingDevice: false };
    } catch (err) {
      if (classifyCameraError(err) !== 'no-camera') throw err;
    }
  }
  const stream = await media.getUserMedia({ video: { ...asked, facingMode: 'user' }, audio: false });
  return { stream, missingDevice: deviceId !== '' };
}
