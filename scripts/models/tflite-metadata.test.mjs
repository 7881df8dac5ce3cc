import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  METADATA_ENTRY_NAME,
  addImageInputMetadata,
  readTfliteMetadataNames,
  readTfliteModelMetadata,
  readTfliteModelSummary,
} from './tflite-metadata.mjs';
import { DERIVED_FILES } from './derived-files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The published file, straight from the pinned package (not public/models/, which the install step rewrites).
const MODEL = path.join(root, 'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite');

// Constants from the tflite metadata schema, spelled out so the test does not just echo the module's tables.
const IMAGE_PROPERTIES = 2;
const FEATURE_PROPERTIES = 1;
const RGB = 1;

describe('addImageInputMetadata on the BlazeFace short-range model', () => {
  let original;
  let patched;

  beforeAll(async () => {
    original = await readFile(MODEL);
    patched = addImageInputMetadata(original, { mean: [127.5], std: [127.5], name: 'BlazeFace' });
  });

  it('starts from a model without metadata (the reason this module exists)', () => {
    expect(readTfliteMetadataNames(original)).toEqual([]);
    expect(readTfliteModelMetadata(original)).toBeNull();
  });

  it('adds a TFLITE_METADATA entry and keeps the TFLite file identifier', () => {
    expect(readTfliteMetadataNames(patched)).toEqual([METADATA_ENTRY_NAME]);
    expect(patched.toString('latin1', 4, 8)).toBe('TFL3');
  });

  it('keeps the original bytes verbatim, moved by a multiple of 16 (only alignment padding after them)', () => {
    const shift = patched.indexOf(original);
    expect(shift).toBeGreaterThan(0);
    expect(shift % 16).toBe(0);
    const tail = patched.subarray(shift + original.length);
    expect(tail.length).toBeLessThan(16);
    expect(tail.every((b) => b === 0)).toBe(true);
  });

  it('leaves subgraphs, tensors, operators and model fields as they were', () => {
    const before = readTfliteModelSummary(original);
    const after = readTfliteModelSummary(patched);
    expect(after.version).toBe(before.version);
    expect(after.description).toBe(before.description);
    expect(after.operatorCodeCount).toBe(before.operatorCodeCount);
    expect(after.subgraphs).toEqual(before.subgraphs);
    // Sanity: this really is the 128x128 RGB float model with two outputs that tasks-vision expects.
    const graph = after.subgraphs[0];
    expect(graph.tensors[graph.inputs[0]]).toMatchObject({ name: 'input', shape: [1, 128, 128, 3], type: 0 });
    expect(graph.outputs.map((i) => graph.tensors[i].name)).toEqual(['regressors', 'classificators']);
  });

  it('keeps every original buffer (same bytes, same alignment) and appends exactly one', () => {
    const before = readTfliteModelSummary(original).buffers;
    const after = readTfliteModelSummary(patched).buffers;
    expect(after).toHaveLength(before.length + 1);
    before.forEach((b, i) => {
      expect(after[i].data.equals(b.data)).toBe(true);
      if (b.data.length) expect(after[i].dataPos % 16).toBe(b.dataPos % 16);
    });
    const added = after[after.length - 1];
    expect(added.dataPos % 16).toBe(0); // Buffer.data is force_align 16 in the schema
    expect(added.data.toString('latin1', 4, 8)).toBe('M001');
  });

  it('points the metadata entry at the new buffer', () => {
    const { metadata, buffers } = readTfliteModelSummary(patched);
    expect(metadata).toEqual([{ name: METADATA_ENTRY_NAME, buffer: buffers.length - 1 }]);
  });

  it('describes input 0 as an RGB image with the normalisation values, readable back', () => {
    const meta = readTfliteModelMetadata(patched);
    expect(meta).toMatchObject({ identifier: 'M001', name: 'BlazeFace', minParserVersion: '1.0.0' });
    expect(meta.subgraphs).toHaveLength(1);
    const [input] = meta.subgraphs[0].inputs;
    expect(meta.subgraphs[0].inputs).toHaveLength(1);
    expect(input).toMatchObject({
      name: 'input',
      contentPropertiesType: IMAGE_PROPERTIES,
      colorSpace: RGB,
      defaultSize: { width: 128, height: 128 },
      normalization: { mean: [127.5], std: [127.5] },
      stats: { min: [-1], max: [1] },
    });
    expect(meta.subgraphs[0].outputs.map((o) => [o.name, o.contentPropertiesType])).toEqual([
      ['regressors', FEATURE_PROPERTIES],
      ['classificators', FEATURE_PROPERTIES],
    ]);
  });

  it('round-trips per-channel values and the optional description', () => {
    const out = addImageInputMetadata(original, { mean: [1.5, 2.25, 3], std: [4, 5, 6.5], description: 'd' });
    const meta = readTfliteModelMetadata(out);
    expect(meta.description).toBe('d');
    expect(meta.subgraphs[0].inputs[0].normalization).toEqual({ mean: [1.5, 2.25, 3], std: [4, 5, 6.5] });
  });

  it('is deterministic (same input, same bytes), so the manifest hash is stable', () => {
    const again = addImageInputMetadata(original, { mean: [127.5], std: [127.5], name: 'BlazeFace' });
    expect(again.equals(patched)).toBe(true);
  });

  it('refuses a model that already has TFLITE_METADATA rather than adding a second entry', () => {
    expect(() => addImageInputMetadata(patched, { mean: [127.5], std: [127.5] })).toThrow(
      /already has TFLITE_METADATA/,
    );
  });

  it('rejects normalisation values MediaPipe would reject', () => {
    expect(() => addImageInputMetadata(original, { mean: [127.5, 1], std: [127.5, 1] })).toThrow(/1 or 3/);
    expect(() => addImageInputMetadata(original, { mean: [127.5], std: [127.5, 1, 1] })).toThrow(/equal length/);
    expect(() => addImageInputMetadata(original, { mean: [127.5], std: [0] })).toThrow(/zero/);
    expect(() => addImageInputMetadata(original, {})).toThrow(RangeError);
  });

  it('rejects bytes that are not a TFLite model', () => {
    expect(() => addImageInputMetadata(Buffer.from('not a model at all'), { mean: [0], std: [1] })).toThrow(
      /identifier/,
    );
    // A truncated file must fail with a message, not read past the end.
    expect(() => readTfliteModelSummary(original.subarray(0, 4096))).toThrow(/outside/);
    expect(() => addImageInputMetadata(original.subarray(0, 4096), { mean: [0], std: [1] })).toThrow(/outside/);
  });
});

describe('the derived BlazeFace task model', () => {
  it('is listed in DERIVED_FILES and derives [-1, 1] RGB normalisation from the published file', async () => {
    const entry = DERIVED_FILES.find((f) => f.to === 'blazeface/face_detection_short_range.task.tflite');
    expect(entry).toBeDefined();
    expect(entry.from).toBe('blazeface/face_detection_short_range.tflite');
    const derived = await entry.derive(await readFile(MODEL));
    const input = readTfliteModelMetadata(derived).subgraphs[0].inputs[0];
    expect(input.colorSpace).toBe(RGB);
    expect(input.normalization).toEqual({ mean: [127.5], std: [127.5] });
  });
});
