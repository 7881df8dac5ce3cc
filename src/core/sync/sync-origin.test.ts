import { describe, expect, it } from 'vitest';
import { SyncOriginError, onSyncOrigin, parseSyncOrigin } from './sync-origin';

describe('the sync origin', () => {
  it('is absent unless configured', () => {
    expect(parseSyncOrigin(undefined)).toBeUndefined();
    expect(parseSyncOrigin('  ')).toBeUndefined();
  });

  it('is one https origin, or http on loopback', () => {
    expect(parseSyncOrigin('https://couch.example.com:6984/')).toBe('https://couch.example.com:6984');
    expect(parseSyncOrigin('https://couch.example.com')).toBe('https://couch.example.com');
    expect(parseSyncOrigin('http://localhost:5984')).toBe('http://localhost:5984');
    expect(parseSyncOrigin('http://127.0.0.1:5984')).toBe('http://127.0.0.1:5984');
  });

  it('refuses anything that is more or less than an origin', () => {
    for (const bad of [
      'couch.example.com',
      'http://couch.example.com',
      'https://admin:secret@couch.example.com',
      'https://couch.example.com/shop-db',
      'https://couch.example.com/?x=1',
      'ftp://couch.example.com',
    ])
      expect(() => parseSyncOrigin(bad), bad).toThrow(SyncOriginError);
  });

  it('admits server addresses on that origin only', () => {
    const origin = 'https://couch.example.com:6984';
    expect(onSyncOrigin('https://couch.example.com:6984/cp-chain', origin)).toBe(true);
    expect(onSyncOrigin('https://couch.example.com/cp-chain', origin)).toBe(false);
    expect(onSyncOrigin('https://evil.example.com:6984/', origin)).toBe(false);
    expect(onSyncOrigin('not an address', origin)).toBe(false);
    expect(onSyncOrigin('https://couch.example.com:6984/', undefined)).toBe(false);
  });
});
