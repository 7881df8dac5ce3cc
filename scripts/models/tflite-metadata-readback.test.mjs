// The metadata writer checked with nothing of its own: the model it writes is read back with the code flatc
// generated from the TFLite schemas, so a writer that puts a field in the wrong slot, the wrong table or the
// wrong union fails here even if its own readers agreed with it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as flatbuffers from 'flatbuffers';
import { beforeAll, describe, expect, it } from 'vitest';
import { MODEL_FIELD_COUNT, addImageInputMetadata } from './tflite-metadata.mjs';
import { Model } from './tflite-generated/schema_generated.js';
import {
  ColorSpaceType,
  ContentProperties,
  ImagePropertiesT,
  ModelMetadata,
  NormalizationOptionsT,
  ProcessUnitOptions,
} from './tflite-generated/metadata_schema_generated.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODEL = path.join(root, 'node_modules/@mediapipe/face_detection/face_detection_short_range.tflite');

const readModel = (bytes) => {
  const bb = new flatbuffers.ByteBuffer(new Uint8Array(bytes));
  expect(Model.bufferHasIdentifier(bb)).toBe(true);
  return Model.getRootAsModel(bb).unpack();
};

describe('metadata written into BlazeFace, read back with the generated TFLite readers', () => {
  let before;
  let after;
  let meta;
  let metaPos;

  beforeAll(async () => {
    const original = await readFile(MODEL);
    const patched = addImageInputMetadata(original, {
      mean: [127.5, 120, 110],
      std: [127.5, 64, 32],
      name: 'BlazeFace',
      description: 'faces',
    });
    before = readModel(original);
    after = readModel(patched);
    const entry = after.metadata.find((m) => m.name === 'TFLITE_METADATA');
    const data = Uint8Array.from(after.buffers[entry.buffer].data);
    const bb = new flatbuffers.ByteBuffer(data);
    expect(ModelMetadata.bufferHasIdentifier(bb)).toBe(true);
    meta = ModelMetadata.getRootAsModelMetadata(bb).unpack();
    metaPos = patched.indexOf(Buffer.from(data));
  });

  it('the generated schema still has the Model fields the writer copies', () => {
    // version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs and the
    // two external-buffer fields the writer refuses: a regenerated schema with more fields needs the writer looked at.
    expect(MODEL_FIELD_COUNT).toBe(10);
  });

  it('leaves every field of the model as it was, apart from one new buffer and one new metadata entry', () => {
    expect(after.buffers).toHaveLength(before.buffers.length + 1);
    expect(after.metadata).toEqual([...before.metadata, { name: 'TFLITE_METADATA', buffer: before.buffers.length }]);
    expect({ ...after, buffers: after.buffers.slice(0, -1), metadata: before.metadata }).toEqual(before);
  });

  it('stores the metadata flatbuffer 16-byte aligned, as Buffer.data (force_align: 16) asks', () => {
    expect(metaPos).toBeGreaterThan(0);
    expect(metaPos % 16).toBe(0);
  });

  it('writes the model-level fields', () => {
    expect(meta).toMatchObject({ name: 'BlazeFace', description: 'faces', minParserVersion: '1.0.0', version: null });
    expect(meta.subgraphMetadata).toHaveLength(1);
  });

  it('describes the input as a 128x128 RGB image with the normalisation and the resulting value range', () => {
    const [input, ...rest] = meta.subgraphMetadata[0].inputTensorMetadata;
    expect(rest).toHaveLength(0);
    expect(input.name).toBe('input');
    expect(input.content.contentPropertiesType).toBe(ContentProperties.ImageProperties);
    expect(input.content.contentProperties).toBeInstanceOf(ImagePropertiesT);
    expect(input.content.contentProperties.colorSpace).toBe(ColorSpaceType.RGB);
    expect(input.content.contentProperties.defaultSize).toMatchObject({ width: 128, height: 128 });
    expect(input.processUnits).toHaveLength(1);
    const [unit] = input.processUnits;
    expect(unit.optionsType).toBe(ProcessUnitOptions.NormalizationOptions);
    expect(unit.options).toBeInstanceOf(NormalizationOptionsT);
    expect(unit.options.mean).toEqual([127.5, 120, 110]);
    expect(unit.options.std).toEqual([127.5, 64, 32]);
    // (0 - mean) / std and (255 - mean) / std, as float32
    expect(input.stats.min).toEqual([-1, -1.875, -3.4375]);
    expect(input.stats.max).toEqual([1, 135 / 64, 145 / 32]);
  });

  it('gives each output a name and FeatureProperties content, in the order of the model outputs', () => {
    const outputs = meta.subgraphMetadata[0].outputTensorMetadata;
    const graph = after.subgraphs[0];
    expect(outputs.map((o) => o.name)).toEqual(graph.outputs.map((i) => graph.tensors[i].name));
    expect(outputs.map((o) => o.name)).toEqual(['regressors', 'classificators']);
    for (const o of outputs) {
      expect(o.content.contentPropertiesType).toBe(ContentProperties.FeatureProperties);
      expect(o.processUnits).toEqual([]);
      expect(o.stats).toBeNull();
    }
  });
});
