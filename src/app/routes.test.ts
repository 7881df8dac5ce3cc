import { describe, expect, it } from 'vitest';
import { hashForRoute, routeFromHash } from './routes';

describe('routes', () => {
  it('reads known routes with or without a slash and with trailing parts', () => {
    expect(routeFromHash('#/members')).toBe('members');
    expect(routeFromHash('#settings')).toBe('settings');
    expect(routeFromHash('#/products/123?x=1')).toBe('products');
  });
  it('falls back to the counter for empty or unknown hashes', () => {
    expect(routeFromHash('')).toBe('counter');
    expect(routeFromHash('#/nope')).toBe('counter');
  });
  it('round-trips', () => {
    expect(routeFromHash(hashForRoute('analytics'))).toBe('analytics');
  });
});
