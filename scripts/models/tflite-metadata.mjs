// Writes TFLite model metadata (the "TFLITE_METADATA" entry) into a .tflite file, in plain Node.
//
// Why this exists: MediaPipe tasks-vision refuses a float32 image model unless the model carries metadata that
// says how to turn pixels into tensor values ("Input tensor has type float32: it requires specifying
// NormalizationOptions metadata"). The BlazeFace short-range model published in @mediapipe/face_detection has no
// metadata, and the usual tool for adding it (tflite-support's Python MetadataPopulator) is not available at
// install time. So we write the two flatbuffers ourselves:
//
//   1. a ModelMetadata flatbuffer (tflite metadata_schema.fbs, file identifier "M001") describing input 0 as an
//      RGB image with NormalizationOptions {mean, std}, and
//   2. a new root `Model` table (tflite schema.fbs, identifier "TFL3") whose `metadata` vector has an entry
//      {name: "TFLITE_METADATA", buffer: i} and whose `buffers` vector has a new buffer i holding (1).
//
// How the model is edited without a generated schema: every reference in a flatbuffer is an unsigned offset
// that points forward from where it is stored (vtable offsets are signed, but they are local to one table). So
// bytes placed in FRONT of an existing flatbuffer can point at anything inside it, while nothing inside it
// changes meaning when it is moved as a whole. We build a small new head (root offset, "TFL3", new Model table,
// new `buffers` and `metadata` vectors, the new Buffer and Metadata tables, the metadata bytes), pad it to a
// multiple of 16 and append the original file unchanged. The new Model table copies `version` and points its
// other fields (operator_codes, subgraphs, description, metadata_buffer, signature_defs) at the original
// vectors; the new `buffers` vector lists the original Buffer tables followed by the new one. The original root
// offset and identifier stay behind as unreferenced bytes. Padding by 16 keeps every original byte at the same
// address modulo 16, which is the strictest alignment the TFLite schema asks for (Buffer.data force_align 16).
//
// The one thing in a .tflite file that is NOT relative is Buffer.offset (weights stored after the flatbuffer in
// >2 GB models): it counts from the start of the file, so shifting the file would break it. We refuse such
// models rather than rewrite them.
//
// Field indices below come from tflite schema.fbs and metadata_schema.fbs (a field's index is its position in
// the table declaration; a union field F occupies two indices, F_type then F).

const TFLITE_IDENTIFIER = 'TFL3';
const METADATA_IDENTIFIER = 'M001';
export const METADATA_ENTRY_NAME = 'TFLITE_METADATA';
// Everything we write (ImageProperties, NormalizationOptions, per-tensor process units, Stats) exists in
// metadata schema 1.0.0. MediaPipe refuses metadata whose min_parser_version is newer than its own parser, so
// claiming the lowest version that covers our fields keeps the file readable by the widest range of runtimes.
const MIN_PARSER_VERSION = '1.0.0';
// The shift applied to the original bytes must preserve their alignment; see the header comment.
const ORIGINAL_ALIGNMENT = 16;

// tflite schema.fbs
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
};
const MODEL_FIELD_COUNT = 8;
const SUBGRAPH = { tensors: 0, inputs: 1, outputs: 2, operators: 3, name: 4 };
const TENSOR = { shape: 0, type: 1, buffer: 2, name: 3 };
const BUFFER = { data: 0, offset: 1, size: 2 };
const METADATA = { name: 0, buffer: 1 };
const TENSOR_TYPE = { FLOAT32: 0, UINT8: 3 };

// metadata_schema.fbs
const MODEL_METADATA = {
  name: 0,
  description: 1,
  version: 2,
  subgraphMetadata: 3,
  author: 4,
  license: 5,
  associatedFiles: 6,
  minParserVersion: 7,
};
const SUBGRAPH_METADATA = { name: 0, description: 1, inputTensorMetadata: 2, outputTensorMetadata: 3 };
const TENSOR_METADATA = { name: 0, description: 1, dimensionNames: 2, content: 3, processUnits: 4, stats: 5 };
const CONTENT = { propertiesType: 0, properties: 1, range: 2 };
const CONTENT_PROPERTIES = { FeatureProperties: 1, ImageProperties: 2 };
const IMAGE_PROPERTIES = { colorSpace: 0, defaultSize: 1 };
const IMAGE_SIZE = { width: 0, height: 1 };
const COLOR_SPACE = { UNKNOWN: 0, RGB: 1, GRAYSCALE: 2 };
const PROCESS_UNIT = { optionsType: 0, options: 1 };
const PROCESS_UNIT_OPTIONS = { NormalizationOptions: 1 };
const NORMALIZATION_OPTIONS = { mean: 0, std: 1 };
const STATS = { max: 0, min: 1 };

// ---------------------------------------------------------------------------------------------------------------
// Reading

class FlatbufferError extends Error {}

function asBuffer(bytes) {
  if (Buffer.isBuffer(bytes)) return bytes;
  if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new TypeError('expected a Buffer or Uint8Array');
}

/**
 * A bounds-checked view of one flatbuffer table. Reading goes through these checks because the input is a file
 * from a package: a truncated or foreign file should fail with a message, not read garbage.
 */
class Table {
  constructor(buf, pos, what) {
    this.buf = buf;
    this.pos = pos;
    this.what = what;
    need(buf, pos, 4, what);
    if (pos % 4) throw new FlatbufferError(`${what}: table at ${pos} is not 4-byte aligned`);
    this.vtable = pos - buf.readInt32LE(pos);
    need(buf, this.vtable, 4, `${what} vtable`);
    this.vtableSize = buf.readUInt16LE(this.vtable);
    need(buf, this.vtable, this.vtableSize, `${what} vtable`);
  }

  /** Index of the highest field slot this table's vtable has room for, plus one. */
  get slotCount() {
    return (this.vtableSize - 4) / 2;
  }

  /** Absolute position of field `i`, or 0 when the field is absent (default value). */
  fieldPos(i) {
    const slot = 4 + 2 * i;
    if (slot >= this.vtableSize) return 0;
    const off = this.buf.readUInt16LE(this.vtable + slot);
    return off ? this.pos + off : 0;
  }

  has(i) {
    return this.fieldPos(i) !== 0;
  }

  u8(i, fallback = 0) {
    const p = this.fieldPos(i);
    return p ? this.buf.readUInt8(need(this.buf, p, 1, this.what)) : fallback;
  }

  i8(i, fallback = 0) {
    const p = this.fieldPos(i);
    return p ? this.buf.readInt8(need(this.buf, p, 1, this.what)) : fallback;
  }

  u32(i, fallback = 0) {
    const p = this.fieldPos(i);
    return p ? this.buf.readUInt32LE(need(this.buf, p, 4, this.what)) : fallback;
  }

  /** Absolute position an offset field points at, or 0 when absent. */
  target(i) {
    const p = this.fieldPos(i);
    return p ? followOffset(this.buf, p, this.what) : 0;
  }

  table(i, what) {
    const t = this.target(i);
    return t ? new Table(this.buf, t, what) : null;
  }

  string(i) {
    const t = this.target(i);
    return t ? readString(this.buf, t, this.what) : null;
  }

  vector(i) {
    const t = this.target(i);
    return t ? new Vector(this.buf, t, this.what) : null;
  }
}

class Vector {
  constructor(buf, pos, what) {
    this.buf = buf;
    this.pos = pos;
    this.what = what;
    this.length = buf.readUInt32LE(need(buf, pos, 4, what));
  }

  /** Absolute position of element k, for elements of `size` bytes (4 for offsets to tables/strings). */
  elementPos(k, size = 4) {
    return need(this.buf, this.pos + 4 + k * size, size, this.what);
  }

  /** Absolute position of the table/string that offset element k points at. */
  target(k) {
    return followOffset(this.buf, this.elementPos(k), this.what);
  }

  tables(what) {
    return Array.from({ length: this.length }, (_, k) => new Table(this.buf, this.target(k), what));
  }

  strings() {
    return Array.from({ length: this.length }, (_, k) => readString(this.buf, this.target(k), this.what));
  }

  int32s() {
    return Array.from({ length: this.length }, (_, k) => this.buf.readInt32LE(this.elementPos(k, 4)));
  }

  float32s() {
    return Array.from({ length: this.length }, (_, k) => this.buf.readFloatLE(this.elementPos(k, 4)));
  }

  bytes() {
    const start = this.pos + 4;
    need(this.buf, start, this.length, this.what);
    return this.buf.subarray(start, start + this.length);
  }
}

function need(buf, pos, size, what) {
  if (pos < 0 || pos + size > buf.length) {
    throw new FlatbufferError(`${what}: reference to bytes ${pos}..${pos + size} outside a ${buf.length}-byte buffer`);
  }
  return pos;
}

function followOffset(buf, at, what) {
  const off = buf.readUInt32LE(need(buf, at, 4, what));
  if (off === 0) throw new FlatbufferError(`${what}: zero offset at ${at}`);
  return need(buf, at + off, 4, what);
}

function readString(buf, pos, what) {
  const len = buf.readUInt32LE(need(buf, pos, 4, what));
  need(buf, pos + 4, len + 1, what);
  return buf.toString('utf8', pos + 4, pos + 4 + len);
}

function identifierOf(buf) {
  return buf.length >= 8 ? buf.toString('latin1', 4, 8) : '';
}

function rootTable(buf, identifier, what) {
  if (identifierOf(buf) !== identifier) {
    throw new FlatbufferError(`${what}: file identifier is "${identifierOf(buf)}", expected "${identifier}"`);
  }
  return new Table(buf, followOffset(buf, 0, what), what);
}

function readModel(bytes) {
  return rootTable(asBuffer(bytes), TFLITE_IDENTIFIER, 'tflite Model');
}

function metadataEntries(model) {
  const vec = model.vector(MODEL.metadata);
  if (!vec) return [];
  return vec.tables('tflite Metadata').map((t) => ({ name: t.string(METADATA.name), buffer: t.u32(METADATA.buffer) }));
}

/** Names of the model's `metadata` entries (e.g. "min_runtime_version", "TFLITE_METADATA"). */
export function readTfliteMetadataNames(modelBytes) {
  return metadataEntries(readModel(modelBytes)).map((e) => e.name);
}

function describeTensor(tensor) {
  return {
    name: tensor.string(TENSOR.name),
    shape: tensor.vector(TENSOR.shape)?.int32s() ?? [],
    type: tensor.i8(TENSOR.type),
    buffer: tensor.u32(TENSOR.buffer),
  };
}

/**
 * A plain-object summary of the parts of a model this module relies on: subgraphs with their tensors, inputs
 * and outputs, and the buffers' contents. Tests use it to check that patching left the original model intact.
 */
export function readTfliteModelSummary(modelBytes) {
  const model = readModel(modelBytes);
  const subgraphs = (model.vector(MODEL.subgraphs)?.tables('tflite SubGraph') ?? []).map((sg) => ({
    name: sg.string(SUBGRAPH.name),
    tensors: (sg.vector(SUBGRAPH.tensors)?.tables('tflite Tensor') ?? []).map(describeTensor),
    inputs: sg.vector(SUBGRAPH.inputs)?.int32s() ?? [],
    outputs: sg.vector(SUBGRAPH.outputs)?.int32s() ?? [],
    operatorCount: sg.vector(SUBGRAPH.operators)?.length ?? 0,
  }));
  const buffers = (model.vector(MODEL.buffers)?.tables('tflite Buffer') ?? []).map((b) => ({
    data: b.vector(BUFFER.data)?.bytes() ?? Buffer.alloc(0),
    dataPos: b.fieldPos(BUFFER.data) ? b.target(BUFFER.data) + 4 : 0,
    offset: b.has(BUFFER.offset) ? Number(model.buf.readBigUInt64LE(b.fieldPos(BUFFER.offset))) : 0,
  }));
  return {
    version: model.u32(MODEL.version),
    operatorCodeCount: model.vector(MODEL.operatorCodes)?.length ?? 0,
    description: model.string(MODEL.description),
    subgraphs,
    buffers,
    metadata: metadataEntries(model),
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
  const buffers = model.vector(MODEL.buffers);
  if (!buffers || entry.buffer >= buffers.length) {
    throw new FlatbufferError(`${METADATA_ENTRY_NAME} points at buffer ${entry.buffer}, which does not exist`);
  }
  const data = new Table(model.buf, buffers.target(entry.buffer), 'tflite Buffer').vector(BUFFER.data);
  if (!data) throw new FlatbufferError(`${METADATA_ENTRY_NAME} buffer has no data`);
  const bytes = data.bytes();
  const meta = rootTable(bytes, METADATA_IDENTIFIER, 'ModelMetadata');
  const tensorMeta = (t) => {
    const content = t.table(TENSOR_METADATA.content, 'Content');
    const propsType = content ? content.u8(CONTENT.propertiesType) : 0;
    const props = content?.table(CONTENT.properties, 'ContentProperties') ?? null;
    const image = propsType === CONTENT_PROPERTIES.ImageProperties && props ? props : null;
    const size = image?.table(IMAGE_PROPERTIES.defaultSize, 'ImageSize') ?? null;
    const units = t.vector(TENSOR_METADATA.processUnits)?.tables('ProcessUnit') ?? [];
    const norm = units.find((u) => u.u8(PROCESS_UNIT.optionsType) === PROCESS_UNIT_OPTIONS.NormalizationOptions);
    const normOpts = norm?.table(PROCESS_UNIT.options, 'NormalizationOptions') ?? null;
    const stats = t.table(TENSOR_METADATA.stats, 'Stats');
    return {
      name: t.string(TENSOR_METADATA.name),
      description: t.string(TENSOR_METADATA.description),
      contentPropertiesType: propsType,
      colorSpace: image ? image.i8(IMAGE_PROPERTIES.colorSpace) : null,
      defaultSize: size ? { width: size.u32(IMAGE_SIZE.width), height: size.u32(IMAGE_SIZE.height) } : null,
      normalization: normOpts
        ? {
            mean: normOpts.vector(NORMALIZATION_OPTIONS.mean)?.float32s() ?? [],
            std: normOpts.vector(NORMALIZATION_OPTIONS.std)?.float32s() ?? [],
          }
        : null,
      stats: stats
        ? { min: stats.vector(STATS.min)?.float32s() ?? [], max: stats.vector(STATS.max)?.float32s() ?? [] }
        : null,
    };
  };
  const subgraphs = (meta.vector(MODEL_METADATA.subgraphMetadata)?.tables('SubGraphMetadata') ?? []).map((sg) => ({
    name: sg.string(SUBGRAPH_METADATA.name),
    inputs: (sg.vector(SUBGRAPH_METADATA.inputTensorMetadata)?.tables('TensorMetadata') ?? []).map(tensorMeta),
    outputs: (sg.vector(SUBGRAPH_METADATA.outputTensorMetadata)?.tables('TensorMetadata') ?? []).map(tensorMeta),
  }));
  return {
    identifier: identifierOf(bytes),
    name: meta.string(MODEL_METADATA.name),
    description: meta.string(MODEL_METADATA.description),
    minParserVersion: meta.string(MODEL_METADATA.minParserVersion),
    subgraphs,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing
//
// The usual flatbuffers Builder writes back to front. Here we want the opposite (new bytes go in front of old
// ones and must point forward into them), so this is a small front-to-back serializer over a tree of plain
// objects: a parent is written first with placeholder offsets, its children are queued and written after it,
// and each placeholder is patched to (child position - placeholder position), which is therefore positive.
// Each node must be referenced once; sharing a node could make a later parent point backwards.

const SCALAR_SIZE = { u8: 1, i8: 1, u16: 2, u32: 4, i32: 4, f32: 4 };

const node = {
  table: (fields) => ({ kind: 'table', fields }),
  string: (value) => ({ kind: 'string', value }),
  vector: (items) => ({ kind: 'vector', items }),
  scalars: (type, values, align = 4) => ({ kind: 'scalars', type, values, align }),
  bytes: (value, align) => ({ kind: 'scalars', type: 'u8', values: value, align }),
  /** A reference to a position in the original file, resolved once we know how far it moves. */
  original: (pos) => ({ kind: 'original', pos }),
};
const scalar = (type, value) => ({ type, value });

class ForwardWriter {
  constructor() {
    this.buf = Buffer.alloc(1024);
    this.length = 0;
  }

  reserve(n) {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  skip(n) {
    this.reserve(n);
    this.length += n; // Buffer.alloc zero-fills, so skipped bytes are zero padding.
  }

  padTo(align) {
    this.skip((align - (this.length % align)) % align);
  }

  put(type, value, at = this.length) {
    const size = SCALAR_SIZE[type];
    if (at === this.length) this.skip(size);
    const b = this.buf;
    if (type === 'u8') b.writeUInt8(value, at);
    else if (type === 'i8') b.writeInt8(value, at);
    else if (type === 'u16') b.writeUInt16LE(value, at);
    else if (type === 'u32') b.writeUInt32LE(value, at);
    else if (type === 'i32') b.writeInt32LE(value, at);
    else if (type === 'f32') b.writeFloatLE(value, at);
    else throw new TypeError(`unknown scalar type ${type}`);
  }

  putBytes(bytes) {
    this.reserve(bytes.length);
    Buffer.from(bytes).copy(this.buf, this.length);
    this.length += bytes.length;
  }

  result() {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Serializes `root` as a flatbuffer with `identifier`. Returns the bytes and the placeholders that point into
 * the original file (`node.original`), which the caller resolves once it knows where the original lands.
 */
function serialize(root, identifier) {
  const w = new ForwardWriter();
  w.put('u32', 0); // root offset, patched below
  w.putBytes(Buffer.from(identifier, 'latin1'));
  const queue = [{ slot: 0, target: root }];
  const originals = [];
  const seen = new Set();
  while (queue.length) {
    const { slot, target } = queue.shift();
    if (target.kind === 'original') {
      originals.push({ slot, pos: target.pos });
      continue;
    }
    if (seen.has(target)) throw new Error('internal: a flatbuffer node is referenced twice');
    seen.add(target);
    const pos = writeNode(w, target, queue);
    if (pos <= slot) throw new Error('internal: offset would point backwards');
    w.put('u32', pos - slot, slot);
  }
  return { bytes: w.result(), originals };
}

function writeNode(w, n, queue) {
  switch (n.kind) {
    case 'table':
      return writeTable(w, n, queue);
    case 'string': {
      w.padTo(4);
      const pos = w.length;
      const bytes = Buffer.from(n.value, 'utf8');
      w.put('u32', bytes.length);
      w.putBytes(bytes);
      w.put('u8', 0); // flatbuffers strings are NUL-terminated; the verifier checks for it
      return pos;
    }
    case 'vector': {
      w.padTo(4);
      const pos = w.length;
      w.put('u32', n.items.length);
      for (const item of n.items) {
        queue.push({ slot: w.length, target: item });
        w.put('u32', 0);
      }
      return pos;
    }
    case 'scalars': {
      // The length prefix sits just before the elements, so the prefix goes where the elements end up aligned.
      const size = SCALAR_SIZE[n.type];
      const align = Math.max(4, size, n.align);
      w.padTo(4);
      while ((w.length + 4) % align) w.skip(4);
      const pos = w.length;
      w.put('u32', n.values.length);
      if (n.type === 'u8') w.putBytes(n.values);
      else for (const v of n.values) w.put(n.type, v);
      return pos;
    }
    default:
      throw new Error(`internal: unknown node kind ${n.kind}`);
  }
}

function writeTable(w, n, queue) {
  // Lay out the fields largest-first after the 4-byte vtable offset, each at its natural alignment.
  const present = [];
  n.fields.forEach((f, index) => {
    if (f === undefined || f === null) return;
    const isRef = typeof f.kind === 'string';
    present.push({ index, f, isRef, size: isRef ? 4 : SCALAR_SIZE[f.type] });
  });
  const layout = [...present].sort((a, b) => b.size - a.size);
  let end = 4;
  for (const field of layout) {
    end = Math.ceil(end / field.size) * field.size;
    field.offset = end;
    end += field.size;
  }
  const tableSize = Math.ceil(end / 4) * 4;
  const slots = n.fields.length;

  // vtable first (before the table: the table's soffset is then positive), then the table itself.
  w.padTo(2);
  const vtable = w.length;
  w.put('u16', 4 + 2 * slots);
  w.put('u16', tableSize);
  const offsetOf = new Map(present.map((field) => [field.index, field.offset]));
  for (let i = 0; i < slots; i += 1) w.put('u16', offsetOf.get(i) ?? 0);
  w.padTo(4);
  const pos = w.length;
  w.put('i32', pos - vtable);
  w.skip(tableSize - 4);
  for (const field of present) {
    if (field.isRef) queue.push({ slot: pos + field.offset, target: field.f });
    else w.put(field.f.type, field.f.value, pos + field.offset);
  }
  return pos;
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

/** A table node from {fieldName: value}, each value placed at the index `schema` gives that name. */
function tableOf(schema, values) {
  const fields = [];
  for (const [key, value] of Object.entries(values)) {
    if (!(key in schema)) throw new Error(`internal: unknown field ${key}`);
    if (value !== undefined) fields[schema[key]] = value;
  }
  return node.table(fields);
}

function buildModelMetadata({ name, description, input, outputs, mean, std }) {
  const [, height, width] = input.shape;
  // What pixel values 0 and 255 become after normalisation. Informational only (tflite-support's image writers
  // record the same); nothing in MediaPipe's preprocessing reads it.
  const min = mean.map((m, i) => (0 - m) / std[i]);
  const max = mean.map((m, i) => (255 - m) / std[i]);

  // MediaPipe reads exactly this for an image input (image_tensor_specs.cc): content_properties must be
  // ImageProperties with color_space RGB (if present), and there must be one NormalizationOptions process unit
  // whose mean/std have 1 or 3 values. From them it derives the float range the pixels are mapped to.
  const inputTensor = tableOf(TENSOR_METADATA, {
    name: node.string(input.name ?? 'image'),
    description: node.string('Input image: RGB pixels, normalised per channel as (value - mean) / std.'),
    content: tableOf(CONTENT, {
      propertiesType: scalar('u8', CONTENT_PROPERTIES.ImageProperties),
      properties: tableOf(IMAGE_PROPERTIES, {
        colorSpace: scalar('i8', COLOR_SPACE.RGB),
        defaultSize: tableOf(IMAGE_SIZE, { width: scalar('u32', width), height: scalar('u32', height) }),
      }),
    }),
    processUnits: node.vector([
      tableOf(PROCESS_UNIT, {
        optionsType: scalar('u8', PROCESS_UNIT_OPTIONS.NormalizationOptions),
        options: tableOf(NORMALIZATION_OPTIONS, { mean: node.scalars('f32', mean), std: node.scalars('f32', std) }),
      }),
    ]),
    stats: tableOf(STATS, { max: node.scalars('f32', max), min: node.scalars('f32', min) }),
  });
  // Outputs get a name and a plain FeatureProperties content: the schema wants one TensorMetadata per subgraph
  // output, but MediaPipe's face detector configures decoding (anchors, box layout) in code and reads none of it.
  const outputTensors = outputs.map((t) =>
    tableOf(TENSOR_METADATA, {
      name: node.string(t.name ?? 'output'),
      content: tableOf(CONTENT, {
        propertiesType: scalar('u8', CONTENT_PROPERTIES.FeatureProperties),
        properties: node.table([]),
      }),
    }),
  );
  const root = tableOf(MODEL_METADATA, {
    name: node.string(name),
    description: description ? node.string(description) : undefined,
    subgraphMetadata: node.vector([
      tableOf(SUBGRAPH_METADATA, {
        inputTensorMetadata: node.vector([inputTensor]),
        outputTensorMetadata: node.vector(outputTensors),
      }),
    ]),
    minParserVersion: node.string(MIN_PARSER_VERSION),
  });
  return serialize(root, METADATA_IDENTIFIER).bytes;
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
  const original = asBuffer(modelBytes);
  const model = readModel(original);

  if (model.slotCount > MODEL_FIELD_COUNT) {
    // A newer schema added Model fields we cannot classify as scalar or offset, so we cannot copy them safely.
    for (let i = MODEL_FIELD_COUNT; i < model.slotCount; i += 1) {
      if (model.has(i)) throw new FlatbufferError(`tflite Model has unknown field ${i}; refusing to rewrite it`);
    }
  }
  const existing = metadataEntries(model);
  if (existing.some((e) => e.name === METADATA_ENTRY_NAME)) {
    throw new FlatbufferError(`model already has ${METADATA_ENTRY_NAME} metadata; refusing to add a second entry`);
  }

  const summary = readTfliteModelSummary(original);
  if (summary.buffers.some((b) => b.offset > 1)) {
    throw new FlatbufferError('model stores buffer data outside the flatbuffer (Buffer.offset); cannot shift it');
  }
  const graph = summary.subgraphs[0];
  if (!graph || graph.inputs.length !== 1) {
    throw new FlatbufferError('expected a model whose first subgraph has exactly one input tensor');
  }
  const input = graph.tensors[graph.inputs[0]];
  if (input.shape.length !== 4 || input.shape[0] !== 1 || ![3, 4].includes(input.shape[3])) {
    throw new FlatbufferError(`input tensor shape [${input.shape.join(', ')}] is not 1 x height x width x 3|4`);
  }
  if (input.type !== TENSOR_TYPE.FLOAT32 && input.type !== TENSOR_TYPE.UINT8) {
    throw new FlatbufferError(`input tensor type ${input.type} is neither float32 nor uint8`);
  }

  const metadataBytes = buildModelMetadata({
    name,
    description,
    input,
    outputs: graph.outputs.map((i) => graph.tensors[i]),
    mean,
    std,
  });

  // The new root Model table: same fields as the old one, except `buffers` and `metadata`, which are new vectors
  // holding the old elements (as references into the original bytes) plus our entry.
  const oldBuffers = model.vector(MODEL.buffers);
  const bufferIndex = oldBuffers ? oldBuffers.length : 0;
  const fields = new Array(MODEL_FIELD_COUNT).fill(undefined);
  for (let i = 0; i < MODEL_FIELD_COUNT; i += 1) {
    if (!model.has(i)) continue;
    fields[i] = i === MODEL.version ? scalar('u32', model.u32(MODEL.version)) : node.original(model.target(i));
  }
  const oldElements = (vec) => (vec ? Array.from({ length: vec.length }, (_, k) => node.original(vec.target(k))) : []);
  fields[MODEL.buffers] = node.vector([
    ...oldElements(oldBuffers),
    // Buffer.data is declared force_align 16, and the metadata flatbuffer's own alignment is relative to its start.
    tableOf(BUFFER, { data: node.bytes(metadataBytes, 16) }),
  ]);
  fields[MODEL.metadata] = node.vector([
    ...oldElements(model.vector(MODEL.metadata)),
    tableOf(METADATA, { name: node.string(METADATA_ENTRY_NAME), buffer: scalar('u32', bufferIndex) }),
  ]);

  const head = serialize(node.table(fields), TFLITE_IDENTIFIER);
  const shift = Math.ceil(head.bytes.length / ORIGINAL_ALIGNMENT) * ORIGINAL_ALIGNMENT;
  const out = Buffer.alloc(shift + original.length);
  head.bytes.copy(out, 0);
  original.copy(out, shift);
  for (const { slot, pos } of head.originals) out.writeUInt32LE(shift + pos - slot, slot);
  return out;
}
