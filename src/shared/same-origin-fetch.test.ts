import { describe, expect, it, vi } from 'vitest';
import { restrictFetchToOrigin } from './same-origin-fetch';

function fakeScope() {
  const calls: string[] = [];
  const scope = {
    location: new URL('https://shop.example/app/'),
    fetch: vi.fn((input: RequestInfo | URL) => {
      calls.push(String(input instanceof Request ? input.url : input));
      return Promise.resolve(new Response('ok'));
    }),
  };
  return { scope: scope as unknown as typeof globalThis, calls };
}

describe('restrictFetchToOrigin', () => {
  it('passes same-origin, relative, blob and data requests through', async () => {
    const { scope, calls } = fakeScope();
    restrictFetchToOrigin(scope);
    await scope.fetch('/models/manifest.json');
    await scope.fetch(new URL('https://shop.example/x.wasm'));
    await scope.fetch('data:text/plain,hi');
    expect(calls).toEqual(['/models/manifest.json', 'https://shop.example/x.wasm', 'data:text/plain,hi']);
  });

  it('refuses every other origin, without calling the network, and records only the origin', async () => {
    const { scope, calls } = fakeScope();
    const guard = restrictFetchToOrigin(scope);
    await expect(scope.fetch('https://odml.pa.googleapis.com/v1/log?key=secret', { method: 'POST' })).rejects.toThrow(
      TypeError,
    );
    await expect(scope.fetch(new Request('http://shop.example:8080/'))).rejects.toThrow(/refused/);
    expect(calls).toEqual([]);
    expect(guard.blocked).toEqual(['https://odml.pa.googleapis.com', 'http://shop.example:8080']);
  });

  it('admits the one sync origin it is given, and still refuses every other', async () => {
    const { scope, calls } = fakeScope();
    const guard = restrictFetchToOrigin(scope, 'https://couch.example:6984');
    await scope.fetch('https://couch.example:6984/cp-acme/_changes');
    await expect(scope.fetch('https://couch.example/cp-acme')).rejects.toThrow(/refused/);
    await expect(scope.fetch('https://evil.example/')).rejects.toThrow(/refused/);
    expect(calls).toEqual(['https://couch.example:6984/cp-acme/_changes']);
    expect(guard.blocked).toEqual(['https://couch.example', 'https://evil.example']);
  });
});
