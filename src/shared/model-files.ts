// Model files are fetched from our own origin (precached by the service worker) and checked against the
// sha256 hashes in public/models/manifest.json before any model is built from them. A missing or altered file is
// reported by name, so staff and support know exactly what is wrong instead of seeing "models failed".

export interface ModelManifestEntry {
  readonly file: string;
  readonly source: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Only an input of the install step (e.g. a model before metadata was written into it); not used at run time. */
  readonly buildOnly?: boolean;
}

export interface ModelManifest {
  readonly version: number;
  readonly files: readonly ModelManifestEntry[];
}

export type ModelFileProblemKind = 'missing' | 'corrupt' | 'unlisted' | 'manifest';

export class ModelFileError extends Error {
  constructor(
    readonly file: string,
    readonly kind: ModelFileProblemKind,
    detail: string,
  ) {
    super(detail);
    this.name = 'ModelFileError';
  }
}

export const SUPPORTED_MANIFEST_VERSION = 1;

type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer' | 'json'>>;

export function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function parseManifest(value: unknown): ModelManifest {
  const fail = (why: string): never => {
    throw new ModelFileError('manifest.json', 'manifest', `The models manifest is invalid: ${why}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const { version, files } = value as { version?: unknown; files?: unknown };
  if (version !== SUPPORTED_MANIFEST_VERSION) return fail(`unsupported version ${String(version)}`);
  if (!Array.isArray(files)) return fail('no file list');
  const entries = files.map((f: unknown, i): ModelManifestEntry => {
    const e = f as Partial<Record<keyof ModelManifestEntry, unknown>>;
    if (typeof e.file !== 'string' || typeof e.source !== 'string') return fail(`entry ${i} has no file or source`);
    if (typeof e.bytes !== 'number' || typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) {
      return fail(`entry ${e.file} has no valid size or sha256`);
    }
    return {
      file: e.file,
      source: e.source,
      bytes: e.bytes,
      sha256: e.sha256,
      ...(e.buildOnly === true ? { buildOnly: true } : {}),
    };
  });
  return { version, files: entries };
}

/** Loads model files by name, each checked against the manifest; verified bytes are cached for reuse. */
export class VerifiedModelFiles {
  #manifest: Promise<ModelManifest> | undefined;
  readonly #verified = new Map<string, Promise<ArrayBuffer>>();

  constructor(
    /** URL of the models folder, ending with '/'. */
    readonly baseUrl: string,
    private readonly fetchFn: FetchLike = (url) => fetch(url),
    private readonly subtle: SubtleCrypto = crypto.subtle,
  ) {}

  manifest(): Promise<ModelManifest> {
    this.#manifest ??= this.fetchFn(`${this.baseUrl}manifest.json`)
      .then((res) => {
        if (!res.ok)
          throw new ModelFileError('manifest.json', 'missing', `The models manifest is missing (HTTP ${res.status}).`);
        return res.json() as Promise<unknown>;
      })
      .then(parseManifest);
    return this.#manifest;
  }

  /** The URL of a listed file (for runtimes that insist on fetching by themselves; verify() it first). */
  url(file: string): string {
    return `${this.baseUrl}${file}`;
  }

  /** The verified bytes of one listed file. */
  bytes(file: string): Promise<ArrayBuffer> {
    let pending = this.#verified.get(file);
    if (!pending) {
      pending = this.#load(file);
      this.#verified.set(file, pending);
      // A failure is not cached: the next call tries again (e.g. after the files are restored).
      pending.catch(() => this.#verified.delete(file));
    }
    return pending;
  }

  /** Checks every file the app uses; returns one error per bad file (empty when all are sound). */
  async verifyAll(): Promise<ModelFileError[]> {
    const runtime = (await this.manifest()).files.filter((f) => !f.buildOnly);
    const results = await Promise.allSettled(runtime.map((f) => this.bytes(f.file)));
    return results.flatMap((r, i) => {
      if (r.status === 'fulfilled') return [];
      const reason: unknown = r.reason;
      const file = runtime[i]?.file ?? '?';
      return [reason instanceof ModelFileError ? reason : new ModelFileError(file, 'missing', String(reason))];
    });
  }

  async #load(file: string): Promise<ArrayBuffer> {
    const entry = (await this.manifest()).files.find((f) => f.file === file && !f.buildOnly);
    if (!entry) throw new ModelFileError(file, 'unlisted', `Model file ${file} is not listed in the manifest.`);
    let res;
    try {
      res = await this.fetchFn(this.url(file));
    } catch (err) {
      throw new ModelFileError(file, 'missing', `Model file ${file} could not be loaded: ${String(err)}`);
    }
    if (!res.ok) throw new ModelFileError(file, 'missing', `Model file ${file} is missing (HTTP ${res.status}).`);
    const data = await res.arrayBuffer();
    if (data.byteLength !== entry.bytes) {
      throw new ModelFileError(
        file,
        'corrupt',
        `Model file ${file} is corrupt: ${data.byteLength} bytes, expected ${entry.bytes}.`,
      );
    }
    const digest = toHex(await this.subtle.digest('SHA-256', data));
    if (digest !== entry.sha256) {
      throw new ModelFileError(
        file,
        'corrupt',
        `Model file ${file} is corrupt: its sha256 does not match the manifest.`,
      );
    }
    return data;
  }
}
