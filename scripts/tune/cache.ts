// Reading what `npm run eval -- features` cached: per image, every face the engine found (box, quality,
// embedding, age, gender) and which one is the subject, plus the label files of the tuning folder.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FaceQuality } from '../../src/shared/face-engine-api';

export interface CachedFace {
  readonly box: { x: number; y: number; width: number; height: number };
  readonly score: number;
  readonly quality: FaceQuality;
  readonly embedding: Float32Array | undefined;
  readonly age: number | undefined;
  /** Probability the face is male, as the engine reported it. */
  readonly male: number | undefined;
}

export interface CachedImage {
  readonly path: string;
  readonly identity: string;
  readonly width: number;
  readonly height: number;
  readonly faces: readonly CachedFace[];
  /** The subject: the face nearest the centre (undefined when no face was found). */
  readonly subject: CachedFace | undefined;
  /** The app's photo-enrolment check: the face it would enrol, if accepted. */
  readonly enrolFace: CachedFace | undefined;
}

interface RawFace extends Omit<CachedFace, 'embedding'> {
  readonly embedding?: string;
}

interface RawImage {
  readonly path: string;
  readonly identity: string;
  readonly width: number;
  readonly height: number;
  readonly faces: RawFace[];
  readonly central: number;
  readonly enrol: { ok: boolean; face: number };
}

function decode(b64: string | undefined): Float32Array | undefined {
  if (!b64) return undefined;
  const bytes = Buffer.from(b64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function loadFeatures(file: string): { images: CachedImage[]; engineArgs: Record<string, string> } {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { images: RawImage[]; engineArgs?: Record<string, string> };
  const images = raw.images.map((img) => {
    const faces: CachedFace[] = img.faces.map((f) => ({ ...f, embedding: decode(f.embedding) }));
    return {
      path: img.path,
      identity: img.identity,
      width: img.width,
      height: img.height,
      faces,
      subject: faces[img.central],
      enrolFace: img.enrol.ok ? faces[img.enrol.face] : undefined,
    };
  });
  return { images, engineArgs: raw.engineArgs ?? {} };
}

/** Tab-separated file with a header row, as records. */
export function readTsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  const keys = (head ?? '').split('\t');
  return rows.map((r) => {
    const record: Record<string, string> = {};
    r.split('\t').forEach((v, i) => (record[keys[i] ?? String(i)] = v));
    return record;
  });
}

/** `--name value` flags. */
export function flag(name: string, fallback?: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (v === undefined && fallback === undefined) throw new Error(`missing --${name}`);
  return v ?? (fallback as string);
}

/** Writes a tuning output (raw, for docs/eval/) and returns it. */
export function writeOutput<T>(file: string | undefined, value: T): T {
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(value, null, 1) + '\n');
  }
  return value;
}

/** Embeddings are L2-normalised: cosine similarity is their dot product. */
export { dot as cosine } from '../../src/core/tracking/vectors';
