import { describe, expect, it } from 'vitest';
import { needsHomeScreenHint } from './install-hint';

const IPAD_OS =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const base = { maxTouchPoints: 5, installed: false, dismissed: false };

describe('needsHomeScreenHint', () => {
  it('is shown in Safari on an iPad (which calls itself a Mac) and an iPhone', () => {
    expect(needsHomeScreenHint({ ...base, userAgent: IPAD_OS })).toBe(true);
    expect(needsHomeScreenHint({ ...base, userAgent: IPHONE })).toBe(true);
  });

  it('is not shown on a real Mac, on Android (which has its own Install button), once installed or dismissed', () => {
    expect(needsHomeScreenHint({ ...base, userAgent: IPAD_OS, maxTouchPoints: 0 })).toBe(false);
    expect(needsHomeScreenHint({ ...base, userAgent: ANDROID })).toBe(false);
    expect(needsHomeScreenHint({ ...base, userAgent: IPAD_OS, installed: true })).toBe(false);
    expect(needsHomeScreenHint({ ...base, userAgent: IPHONE, dismissed: true })).toBe(false);
  });
});
