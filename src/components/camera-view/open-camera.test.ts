import { describe, expect, it } from 'vitest';
import { openCamera } from './open-camera';

/** getUserMedia as a browser with the given cameras answers it, recording what it was asked. */
function media(cameras: readonly string[], fail?: string) {
  const asked: MediaStreamConstraints[] = [];
  return {
    asked,
    getUserMedia: (c?: MediaStreamConstraints) => {
      asked.push(c ?? {});
      const video = c?.video as MediaTrackConstraints;
      const exact = (video.deviceId as { exact?: string } | undefined)?.exact;
      if (fail) return Promise.reject(new DOMException('no', fail));
      if (exact !== undefined && !cameras.includes(exact))
        return Promise.reject(new DOMException('gone', 'OverconstrainedError'));
      return Promise.resolve({ id: exact ?? cameras[0] } as unknown as MediaStream);
    },
  };
}

describe('openCamera', () => {
  it('opens the chosen camera at the size asked for', async () => {
    const m = media(['front', 'back']);
    const opened = await openCamera(m, 'back', { width: 640, height: 480 });
    expect(opened).toEqual({ stream: { id: 'back' }, missingDevice: false });
    expect(m.asked[0]?.video).toMatchObject({ width: { ideal: 640 }, height: { ideal: 480 } });
  });

  it('opens the default camera, and says so, when the chosen one is gone', async () => {
    const m = media(['front']);
    const opened = await openCamera(m, 'unplugged', { width: 1280, height: 720 });
    expect(opened).toEqual({ stream: { id: 'front' }, missingDevice: true });
    expect(m.asked[1]?.video).toMatchObject({ facingMode: 'user', width: { ideal: 1280 } });
  });

  it('does not hide a refusal behind the default camera', async () => {
    const m = media(['front'], 'NotAllowedError');
    await expect(openCamera(m, 'front', { width: 1280, height: 720 })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(m.asked).toHaveLength(1);
  });
});
