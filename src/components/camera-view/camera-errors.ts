// getUserMedia fails in a handful of distinct ways; staff need to know which one, because each has a
// different fix (allow the camera, plug one in, close the other app using it, use https).

export type CameraProblem =
  'denied' | 'revoked' | 'no-camera' | 'in-use' | 'unplugged' | 'insecure' | 'unsupported' | 'failed' | 'bad-file';

export function classifyCameraError(err: unknown): CameraProblem {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'SecurityError':
      return 'insecure';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'in-use';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

export interface CameraDevice {
  readonly deviceId: string;
  readonly label: string;
  /** 'user' = front camera, 'environment' = back camera, when the label or capabilities say so. */
  readonly facing: 'user' | 'environment' | 'unknown';
}

/** Device labels are empty until permission is granted; give each camera a usable name regardless. */
export function describeCameras(
  devices: readonly Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>[],
): CameraDevice[] {
  return devices
    .filter((d) => d.kind === 'videoinput')
    .map((d, i) => {
      const label = d.label.trim() || `Camera ${i + 1}`;
      const facing = /front|user|facetime/i.test(label)
        ? 'user'
        : /back|rear|environment/i.test(label)
          ? 'environment'
          : 'unknown';
      return { deviceId: d.deviceId, label, facing };
    });
}

/** The cameras `media` lists, described; none when it cannot list them (no permission yet, old browser). */
export async function listCameras(media: MediaDevices | undefined): Promise<CameraDevice[]> {
  try {
    return describeCameras((await media?.enumerateDevices()) ?? []);
  } catch {
    return [];
  }
}
