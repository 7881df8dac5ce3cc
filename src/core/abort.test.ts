import { describe, expect, it } from 'vitest';
import { isAbortError } from './abort';
import { SupersededError } from './engine/latest-wins';

describe('isAbortError', () => {
  it('tells a cancellation from a failure', () => {
    expect(isAbortError(new DOMException('Training cancelled', 'AbortError'))).toBe(true);
    expect(isAbortError(new SupersededError())).toBe(true);
    expect(isAbortError(new Error('disk full'))).toBe(false);
    expect(isAbortError(new DOMException('quota', 'QuotaExceededError'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
    expect(isAbortError(undefined)).toBe(false);
  });
});
