import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from './security-headers';

describe('content security policy', () => {
  it('index.html mirrors the served policy (all of it a meta tag can carry)', () => {
    const html = readFileSync(path.join(__dirname, '../index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(metaContentSecurityPolicy());
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
  });

  it('admits a named sync origin in connect-src, and nowhere else', () => {
    const origin = 'https://couch.example.com:6984';
    const withSync = contentSecurityPolicy(origin).split('; ');
    const without = contentSecurityPolicy().split('; ');
    expect(withSync.filter((d) => !without.includes(d))).toEqual([`connect-src 'self' ${origin}`]);
    expect(metaContentSecurityPolicy(origin)).toContain(`connect-src 'self' ${origin};`);
  });
});
