// Writes TFLite model metadata (the "TFLITE_METADATA" entry) into a .tflite file, in plain Node.
//
// Why this exists: MediaPipe tasks-vision refuses a float32 image model unless the model carries metadata that
// says how to turn pixels into tensor values ("Input tensor has type float32: it requires specifying
// NormalizationOptions metadata"). The BlazeFace short-range model published in @mediapipe/face_detection has no
// metadata, and the usual tool for adding it (tflite-support's Python MetadataPopulator) is not available at
// install time. So we write two flatbuffers with the `flatbuffers` runtime and the code flatc generated from the
// TFLite schemas (./tflite-generated/, see its README):
//
//   1. a ModelMetadata flatbuffer (metadata_schema.fbs, file identifier "M001") describing input 0 as an RGB
//      image with NormalizationOptions {mean, std}, and
//   2. a new root `Model` table (schema.fbs, identifier "TFL3") whose `metadata` vector has an entry
//      {name: "TFLITE_METADATA", buffer: i} and whose `buffers` vector has a new buffer i holding (1).
//
// The original model is kept byte for byte rather than unpacked and packed again: the object API's pack() would
// turn absent vectors into empty ones and drop Buffer.data's 16-byte alignment (flatc 2.0.8's TypeScript ignores
// force_align), both of which the TFLite runtime can notice. A flatbuffers Builder writes back to front and every
// reference in a flatbuffer points forward, so the original bytes go into the builder first (they end up at the
// end of the file, 16-aligned so that every original byte keeps its address modulo 16) and the new tables built
// after them can refer to any table inside them. The new Model table copies `version` and refers to the
// original operator codes, subgraphs, signature defs and buffers; the original root table stays behind unused.
//
// The one thing in a .tflite file that is NOT relative is Buffer.offset (weights stored after the flatbuffer in
// >2 GB models): it counts from the start of the file, so moving the original bytes would break it. We refuse
// such models rather than rewrite them.
import * as flatbuffers from 'flatbuffers';
import { Buffer as TfliteBuffer, Metadata, Model, ModelT, TensorType } from './tflite-generated/schema_generated.js';
import {
  ColorSpaceType,
  Content,
  ContentProperties,
  FeatureProperties,
  ImageProperties,
  ImageSize,
  ModelMetadata,
  NormalizationOptions,
  ProcessUnit,
  ProcessUnitOptions,
  Stats,
  SubGraphMetadata,
  TensorMetadata,
} from './tflite-generated/metadata_schema_generated.js';

const TFLITE_IDENTIFIER = 'TFL3';
const METADATA_IDENTIFIER = 'M001';
export const METADATA_ENTRY_NAME = 'TFLITE_METADATA';
// Everything we write (ImageProperties, NormalizationOptions, per-tensor process units, Stats) exists in
// metadata schema 1.0.0. MediaPipe refuses metadata whose min_parser_version is newer than its own parser, so
// claiming the lowest version that covers our fields keeps the file readable by the widest range of runtimes.
const MIN_PARSER_VERSION = '1.0.0';
// The strictest alignment the TFLite schema asks for (Buffer.data force_align 16).
const ALIGNMENT = 16;
/** Fields of the Model table in the generated schema; a model with more was written by a newer schema. */
export const MODEL_FIELD_COUNT = Object.keys(new ModelT()).length;

// ---------------------------------------------------------------------------------------------------------------
// Reading

class FlatbufferError extends Error {}

/**
 * A ByteBuffer whose every read is bounds-checked. The generated readers trust their input, but ours is a file
 * from a package: a truncated or foreign file should fail with a message, not read garbage. Every other read of
 * the runtime (signed, 64-bit, float, vtable and offset lookups) goes through these three and __string.
 */
class CheckedByteBuffer extends flatbuffers.ByteBuffer {
  check(pos, size) {
    if (!(pos >= 0 && pos + size <= this.capacity())) {
      throw new FlatbufferError(`reference to bytes ${pos}..${pos + size} outside a ${this.capacity()}-byte buffer`);
    }
    return pos;
  }
  readUint8(pos) {
    return super.readUint8(this.check(pos, 1));
  }
  readUint16(pos) {
    return super.readUint16(this.check(pos, 2));
  }
  readInt32(pos) {
    return super.readInt32(this.check(pos, 4));
  }
  __string(pos, encoding) {
    const at = pos + this.readInt32(pos);
    this.check(at + 4, this.readUint32(at));
    return super.__string(pos, encoding);
  }
  /** The bytes of the [ubyte] vector whose offset field is at `pos`. */
  byteVector(pos) {
    const start = this.__vector(pos);
    const length = this.__vector_len(pos);
    this.check(start, length);
    return this.bytes().subarray(start, start + length);
  }
}

function rootBuffer(bytes, identifier, what) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected a Buffer or Uint8Array');
  // A copy: typed-array views the generated code makes need the bytes to start at an aligned address.
  const bb = new CheckedByteBuffer(new Uint8Array(bytes));
  const found = bytes.length >= 8 ? Buffer.from(bytes.subarray(4, 8)).toString('latin1') : '';
  if (found !== identifier)
    throw new FlatbufferError(`${what}: file identifier is "${found}", expected "${identifier}"`);
  return bb;
}

const readModel = (bytes) => Model.getRootAsModel(rootBuffer(bytes, TFLITE_IDENTIFIER, 'tflite Model'));
const list = (length, get) => Array.from({ length }, (_, i) => get(i));
const metadataEntries = (model) =>
  list(model.metadataLength(), (i) => model.metadata(i)).map((m) => ({ name: m.name(), buffer: m.buffer() }));

/** Names of the model's `metadata` entries (e.g. "min_runtime_version", "TFLITE_METADATA"). */
export function readTfliteMetadataNames(modelBytes) {
  return metadataEntries(readModel(modelBytes)).map((e) => e.name);
}

/** Buffer.data of one model buffer, with its absolute position (0 when absent). */
function bufferData(buffer) {
  const field = buffer.bb.__offset(buffer.bb_pos, 4); // Buffer.data, field 0 (the generated dataArray() is unchecked)
  if (!field) return { data: Buffer.alloc(0), dataPos: 0 };
  const data = buffer.bb.byteVector(buffer.bb_pos + field);
  return { data: Buffer.from(data), dataPos: data.byteOffset - buffer.bb.bytes().byteOffset };
}

/**
 * A plain-object summary of the parts of a model this module relies on: subgraphs with their tensors, inputs
 * and outputs, and the buffers' contents. Tests use it to check that patching left the original model intact.
 */
export function readTfliteModelSummary(modelBytes) {
  const model = readModel(modelBytes);
  const subgraphs = list(model.subgraphsLength(), (i) => model.subgraphs(i)).map((sg) => ({
    name: sg.name(),
    tensors: list(sg.tensorsLength(), (k) => sg.tensors(k)).map((t) => ({
      name: t.name(),
      shape: list(t.shapeLength(), (d) => t.shape(d)),
      type: t.type(),
      buffer: t.buffer(),
    })),
    inputs: list(sg.inputsLength(), (k) => sg.inputs(k)),
    outputs: list(sg.outputsLength(), (k) => sg.outputs(k)),
    operatorCount: sg.operatorsLength(),
  }));
  const buffers = list(model.buffersLength(), (i) => model.buffers(i)).map((b) => ({
    ...bufferData(b),
    offset: Number(b.offset()),
  }));
  return {
    version: model.version(),
    operatorCodeCount: model.operatorCodesLength(),
    description: model.description(),
    subgraphs,
    buffers,
    metadata: metadataEntries(model),
  };
}

function describeTensorMetadata(t) {
  const content = t.content;
  const image = content?.contentPropertiesType === ContentProperties.ImageProperties ? content.contentProperties : null;
  const norm = t.processUnits.find((u) => u.optionsType === ProcessUnitOptions.NormalizationOptions)?.options;
  return {
    name: t.name,
    description: t.description,
    contentPropertiesType: content?.contentPropertiesType ?? ContentProperties.NONE,
    colorSpace: image ? image.colorSpace : null,
    defaultSize: image?.defaultSize ? { width: image.defaultSize.width, height: image.defaultSize.height } : null,
    normalization: norm ? { mean: norm.mean, std: norm.std } : null,
    stats: t.stats ? { min: t.stats.min, max: t.stats.max } : null,
  };
}

/**
 * Decodes the TFLITE_METADATA entry back into plain values (or null when the model has none), so a test or a
 * curious developer can see what the runtime will see.
 */
export function readTfliteModelMetadata(modelBytes) {
  const model = readModel(modelBytes);
  const entry = metadataEntries(model).find((e) => e.name === METADATA_ENTRY_NAME);
  if (!entry) return null;
  if (entry.buffer >= model.buffersLength()) {
    throw new FlatbufferError(`${METADATA_ENTRY_NAME} points at buffer ${entry.buffer}, which does not exist`);
  }
  const { data } = bufferData(model.buffers(entry.buffer));
  if (!data.length) throw new FlatbufferError(`${METADATA_ENTRY_NAME} buffer has no data`);
  const meta = ModelMetadata.getRootAsModelMetadata(rootBuffer(data, METADATA_IDENTIFIER, 'ModelMetadata')).unpack();
  return {
    identifier: METADATA_IDENTIFIER,
    name: meta.name,
    description: meta.description,
    minParserVersion: meta.minParserVersion,
    subgraphs: meta.subgraphMetadata.map((sg) => ({
      name: sg.name,
      inputs: sg.inputTensorMetadata.map(describeTensorMetadata),
      outputs: sg.outputTensorMetadata.map(describeTensorMetadata),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The metadata

function validNormalization(mean, std) {
  if (!Array.isArray(mean) || !Array.isArray(std) || mean.length !== std.length || ![1, 3].includes(mean.length)) {
    // MediaPipe accepts 1 or 3 values, equal in number (image_tensor_specs.cc).
    throw new RangeError('mean and std must be arrays of 1 or 3 numbers, of equal length');
  }
  for (const v of [...mean, ...std]) if (!Number.isFinite(v)) throw new RangeError('mean and std must be finite');
  if (std.some((s) => Math.abs(s) < 1e-7)) throw new RangeError('std must not be zero');
}

/** The ModelMetadata flatbuffer. A Builder writes children before their parents. */
function buildModelMetadata({ name, description, input, outputs, mean, std }) {
  const b = new flatbuffers.Builder(1024);
  const [, height, width] = input.shape;
  // What pixel values 0 and 255 become after normalisation. Informational only (tflite-support's image writers
  // record the same); nothing in MediaPipe's preprocessing reads it.
  const min = mean.map((m, i) => (0 - m) / std[i]);
  const max = mean.map((m, i) => (255 - m) / std[i]);

  // MediaPipe reads exactly this for an image input (image_tensor_specs.cc): content_properties must be
  // ImageProperties with color_space RGB (if present), and there must be one NormalizationOptions process unit
  // whose mean/std have 1 or 3 values. From them it derives the float range the pixels are mapped to.
  const inputName = b.createString(input.name ?? 'image');
  const inputDescription = b.createString('Input image: RGB pixels, normalised per channel as (value - mean) / std.');
  const size = ImageSize.createImageSize(b, width, height);
  ImageProperties.startImageProperties(b);
  ImageProperties.addColorSpace(b, ColorSpaceType.RGB);
  ImageProperties.addDefaultSize(b, size);
  const image = ImageProperties.endImageProperties(b);
  const normalization = NormalizationOptions.createNormalizationOptions(
    b,
    NormalizationOptions.createMeanVector(b, mean),
    NormalizationOptions.createStdVector(b, std),
  );
  const units = TensorMetadata.createProcessUnitsVector(b, [
    ProcessUnit.createProcessUnit(b, ProcessUnitOptions.NormalizationOptions, normalization),
  ]);
  const stats = Stats.createStats(b, Stats.createMaxVector(b, max), Stats.createMinVector(b, min));
  const inputContent = content(b, ContentProperties.ImageProperties, image);
  TensorMetadata.startTensorMetadata(b);
  TensorMetadata.addName(b, inputName);
  TensorMetadata.addDescription(b, inputDescription);
  TensorMetadata.addContent(b, inputContent);
  TensorMetadata.addProcessUnits(b, units);
  TensorMetadata.addStats(b, stats);
  const inputTensor = TensorMetadata.endTensorMetadata(b);

  // Outputs get a name and a plain FeatureProperties content: the schema wants one TensorMetadata per subgraph
  // output, but MediaPipe's face detector configures decoding (anchors, box layout) in code and reads none of it.
  const outputTensors = outputs.map((t) => {
    const outputName = b.createString(t.name ?? 'output');
    const outputContent = content(b, ContentProperties.FeatureProperties, FeatureProperties.createFeatureProperties(b));
    TensorMetadata.startTensorMetadata(b);
    TensorMetadata.addName(b, outputName);
    TensorMetadata.addContent(b, outputContent);
    return TensorMetadata.endTensorMetadata(b);
  });
  const inputsVector = SubGraphMetadata.createInputTensorMetadataVector(b, [inputTensor]);
  const outputsVector = SubGraphMetadata.createOutputTensorMetadataVector(b, outputTensors);
  SubGraphMetadata.startSubGraphMetadata(b);
  SubGraphMetadata.addInputTensorMetadata(b, inputsVector);
  SubGraphMetadata.addOutputTensorMetadata(b, outputsVector);
  const subgraphs = ModelMetadata.createSubgraphMetadataVector(b, [SubGraphMetadata.endSubGraphMetadata(b)]);

  const nameOffset = b.createString(name);
  const descriptionOffset = description ? b.createString(description) : 0;
  const minParserVersion = b.createString(MIN_PARSER_VERSION);
  ModelMetadata.startModelMetadata(b);
  ModelMetadata.addName(b, nameOffset);
  if (descriptionOffset) ModelMetadata.addDescription(b, descriptionOffset);
  ModelMetadata.addSubgraphMetadata(b, subgraphs);
  ModelMetadata.addMinParserVersion(b, minParserVersion);
  ModelMetadata.finishModelMetadataBuffer(b, ModelMetadata.endModelMetadata(b));
  return b.asUint8Array();
}

function content(b, type, properties) {
  Content.startContent(b);
  Content.addContentPropertiesType(b, type);
  Content.addContentProperties(b, properties);
  return Content.endContent(b);
}

/** Checks the model is one we can rewrite and describe; returns its first subgraph's input and outputs. */
function inspectModel(model, summary) {
  // A field the generated schema does not know cannot be copied: refuse rather than drop it.
  for (let i = MODEL_FIELD_COUNT; i < MODEL_FIELD_COUNT + 64; i += 1) {
    if (model.bb.__offset(model.bb_pos, 4 + 2 * i)) {
      throw new FlatbufferError(`tflite Model has unknown field ${i}; refusing to rewrite it`);
    }
  }
  if (model.externalBufferGroupsLength() || model.externalBuffersLength()) {
    throw new FlatbufferError('model stores weights in external buffers; refusing to rewrite it');
  }
  if (summary.metadata.some((e) => e.name === METADATA_ENTRY_NAME)) {
    throw new FlatbufferError(`model already has ${METADATA_ENTRY_NAME} metadata; refusing to add a second entry`);
  }
  if (summary.buffers.some((b) => b.offset > 1)) {
    throw new FlatbufferError('model stores buffer data outside the flatbuffer (Buffer.offset); cannot move it');
  }
  const graph = summary.subgraphs[0];
  if (!graph || graph.inputs.length !== 1) {
    throw new FlatbufferError('expected a model whose first subgraph has exactly one input tensor');
  }
  const input = graph.tensors[graph.inputs[0]];
  if (input.shape.length !== 4 || input.shape[0] !== 1 || ![3, 4].includes(input.shape[3])) {
    throw new FlatbufferError(`input tensor shape [${input.shape.join(', ')}] is not 1 x height x width x 3|4`);
  }
  if (input.type !== TensorType.FLOAT32 && input.type !== TensorType.UINT8) {
    throw new FlatbufferError(`input tensor type ${input.type} is neither float32 nor uint8`);
  }
  return { input, outputs: graph.outputs.map((i) => graph.tensors[i]) };
}

/**
 * Returns a copy of a .tflite model with TFLite metadata describing input 0 as an RGB image normalised by
 * (value - mean) / std, which is what MediaPipe tasks need to feed a float32 image model.
 *
 * Refuses (throws) when the model already has a TFLITE_METADATA entry: the install step always derives from the
 * published file, so finding metadata means the input is not what we think it is.
 */
export function addImageInputMetadata(modelBytes, { mean, std, name = 'model', description } = {}) {
  validNormalization(mean, std);
  const model = readModel(modelBytes);
  const metadataBytes = buildModelMetadata({
    name,
    description,
    mean,
    std,
    ...inspectModel(model, readTfliteModelSummary(modelBytes)),
  });

  const b = new flatbuffers.Builder(modelBytes.length + metadataBytes.length + 4096);
  // The original file first (so, last in the output), starting on a 16-byte boundary.
  b.prep(ALIGNMENT, modelBytes.length);
  b.pad(modelBytes.length);
  const originalEnd = b.offset();
  b.dataBuffer()
    .bytes()
    .set(modelBytes, b.dataBuffer().capacity() - originalEnd);

  // Our buffer: Buffer.data is declared force_align 16, which the generated createDataVector does not honour.
  b.startVector(1, metadataBytes.length, ALIGNMENT);
  for (let i = metadataBytes.length - 1; i >= 0; i -= 1) b.addInt8(metadataBytes[i]);
  const ourBuffer = TfliteBuffer.createBuffer(b, b.endVector(), 0n, 0n);
  const ourEntry = Metadata.createMetadata(b, b.createString(METADATA_ENTRY_NAME), model.buffersLength());

  /** A new vector of the Model's `field` tables, referring to them where they are in the original, + `extra`. */
  const tables = (field, create, extra = []) => {
    // A builder offset counts back from the end of the output; bb_pos is the table's position in the original.
    const refs = list(model[`${field}Length`](), (i) => originalEnd - model[field](i).bb_pos);
    return refs.length + extra.length ? create(b, [...refs, ...extra]) : 0;
  };
  const operatorCodes = tables('operatorCodes', Model.createOperatorCodesVector);
  const subgraphs = tables('subgraphs', Model.createSubgraphsVector);
  const buffers = tables('buffers', Model.createBuffersVector, [ourBuffer]);
  const metadata = tables('metadata', Model.createMetadataVector, [ourEntry]);
  const signatureDefs = tables('signatureDefs', Model.createSignatureDefsVector);
  const modelDescription = model.description() === null ? 0 : b.createString(model.description());
  const metadataBuffer = model.metadataBufferLength()
    ? Model.createMetadataBufferVector(
        b,
        list(model.metadataBufferLength(), (i) => model.metadataBuffer(i)),
      )
    : 0;

  Model.startModel(b);
  Model.addVersion(b, model.version());
  if (operatorCodes) Model.addOperatorCodes(b, operatorCodes);
  if (subgraphs) Model.addSubgraphs(b, subgraphs);
  if (modelDescription) Model.addDescription(b, modelDescription);
  Model.addBuffers(b, buffers);
  if (metadataBuffer) Model.addMetadataBuffer(b, metadataBuffer);
  Model.addMetadata(b, metadata);
  if (signatureDefs) Model.addSignatureDefs(b, signatureDefs);
  Model.finishModelBuffer(b, Model.endModel(b));
  return Buffer.from(b.asUint8Array());
}
