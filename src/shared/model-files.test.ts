import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ModelFileError, VerifiedModelFiles, parseManifest } from './model-files';

const weights = new Uint8Array([10, 20, 30, 40]);
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function fakeFetch(files: Record<string, Uint8Array | object>) {
  const calls: string[] = [];
  const fetchFn = (url: string) => {
    calls.push(url);
    const name = url.replace('/models/', '');
    const body = files[name];
    return Promise.resolve({
      ok: body !== undefined,
      status: body === undefined ? 404 : 200,
      arrayBuffer: () => Promise.resolve(body instanceof Uint8Array ? body.slice().buffer : new ArrayBuffer(0)),
      json: () => Promise.resolve(body),
    });
  };
  return { fetchFn, calls };
}

const manifest = {
  version: 1,
  files: [{ file: 'net/w.bin', source: 'pkg@1.0.0/w.bin', bytes: weights.length, sha256: sha(weights) }],
};

describe('VerifiedModelFiles', () => {
  it('returns verified bytes and fetches each file once', async () => {
    const { fetchFn, calls } = fakeFetch({ 'manifest.json': manifest, 'net/w.bin': weights });
    const files = new VerifiedModelFiles('/models/', fetchFn);
    expect(new Uint8Array(await files.bytes('net/w.bin'))).toEqual(weights);
    await files.bytes('net/w.bin');
    expect(calls.filter((c) => c.endsWith('w.bin'))).toHaveLength(1);
  });

  it('names a corrupt file', async () => {
    const { fetchFn } = fakeFetch({ 'manifest.json': manifest, 'net/w.bin': new Uint8Array([10, 20, 30, 41]) });
    const problems = await new VerifiedModelFiles('/models/', fetchFn).verifyAll();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBeInstanceOf(ModelFileError);
    expect(problems[0]).toMatchObject({ file: 'net/w.bin', kind: 'corrupt' });
    expect(problems[0]?.message).toMatch(/net\/w\.bin is corrupt/);
  });

  it('names a missing file', async () => {
    const { fetchFn } = fakeFetch({ 'manifest.json': manifest });
    await expect(new VerifiedModelFiles('/models/', fetchFn).bytes('net/w.bin')).rejects.toMatchObject({
      file: 'net/w.bin',
      kind: 'missing',
    });
  });

  it('refuses files the manifest does not list', async () => {
    const { fetchFn } = fakeFetch({ 'manifest.json': manifest, 'other.bin': weights });
    await expect(new VerifiedModelFiles('/models/', fetchFn).bytes('other.bin')).rejects.toMatchObject({
      kind: 'unlisted',
    });
  });

  it('skips build-only files when verifying and refuses to load them', async () => {
    const withBuildOnly = {
      ...manifest,
      files: [
        ...manifest.files,
        { file: 'raw.tflite', source: 'x@1/raw', bytes: 3, sha256: 'a'.repeat(64), buildOnly: true },
      ],
    };
    const { fetchFn, calls } = fakeFetch({ 'manifest.json': withBuildOnly, 'net/w.bin': weights });
    const files = new VerifiedModelFiles('/models/', fetchFn);
    expect(await files.verifyAll()).toEqual([]);
    expect(calls.some((c) => c.endsWith('raw.tflite'))).toBe(false);
    await expect(files.bytes('raw.tflite')).rejects.toMatchObject({ kind: 'unlisted' });
  });

  it('rejects a malformed manifest', () => {
    expect(() => parseManifest({ version: 1, files: [{ file: 'x' }] })).toThrow(/invalid/);
    expect(() => parseManifest({ version: 99, files: [] })).toThrow(/unsupported version/);
  });
});
