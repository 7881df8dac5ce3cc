import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, readSettings } from './settings';

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
});
