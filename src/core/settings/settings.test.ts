import { describe, expect, it } from 'vitest';
import { CAMERA_RESOLUTIONS, DEFAULT_SETTINGS, cameraSize, readSettings } from './settings';

describe('settings', () => {
  it('has sensible defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ retentionHours: 24, backend: 'auto', showEmotion: true, strictness: 0.5 });
  });
  it('keeps valid fields and defaults the damaged ones', () => {
    const s = readSettings({ retentionHours: 48, showEmotion: false, strictness: 7, backend: 'quantum', zone: '' });
    expect(s.retentionHours).toBe(48);
    expect(s.showEmotion).toBe(false);
    expect(s.strictness).toBe(DEFAULT_SETTINGS.strictness);
    expect(s.backend).toBe('auto');
    expect(s.zone).toBe('Counter');
  });
  it('survives garbage', () => {
    expect(readSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
  it('asks the camera for the resolution chosen', () => {
    expect(CAMERA_RESOLUTIONS.map((cameraResolution) => cameraSize({ cameraResolution }))).toEqual([
      { width: 640, height: 480 },
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]);
    expect(cameraSize(readSettings({ cameraResolution: '4000x3000' }))).toEqual({ width: 1280, height: 720 });
  });
});
