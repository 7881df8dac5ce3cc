import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy, securityHeaders } from './security-headers';

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

describe('security headers', () => {
  it('without a sync origin: cross-origin isolated with require-corp, and connections to this origin only', () => {
    const headers = securityHeaders();
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('require-corp');
    expect(headers['Content-Security-Policy']?.split('; ')).toContain("connect-src 'self'");
  });

  it('with a sync origin: credentialless (so the no-cors probe can tell CORS from down), and only that origin added', () => {
    const origin = 'https://couch.example.com:6984';
    const headers = securityHeaders(origin);
    const without = securityHeaders();
    expect(headers['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(headers['Cross-Origin-Embedder-Policy']).toBe('credentialless');
    const connect = (headers['Content-Security-Policy'] ?? '').split('; ').filter((d) => d.startsWith('connect-src'));
    expect(connect).toEqual([`connect-src 'self' ${origin}`]);
    // Nothing else differs from the headers without a sync origin.
    const changed = Object.keys(headers).filter((h) => headers[h] !== without[h]);
    expect(changed.sort()).toEqual(['Content-Security-Policy', 'Cross-Origin-Embedder-Policy']);
  });
});
