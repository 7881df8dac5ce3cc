// Builds TF.js graph models from model files that were checked against the manifest: the bytes that were
// verified are the bytes that run, with no second download that could differ.
import * as tf from '@tensorflow/tfjs-core';
import { type GraphModel, loadGraphModel } from '@tensorflow/tfjs-converter';
import type { VerifiedModelFiles } from '../../../src/shared/model-files';

interface ModelJson {
  modelTopology: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

export async function loadVerifiedGraphModel(files: VerifiedModelFiles, jsonFile: string): Promise<GraphModel> {
  const json = JSON.parse(new TextDecoder().decode(await files.bytes(jsonFile))) as ModelJson;
  const dir = jsonFile.slice(0, jsonFile.lastIndexOf('/') + 1);
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const shards: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const path of group.paths) shards.push(await files.bytes(dir + path));
  }
  const total = shards.reduce((n, s) => n + s.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const s of shards) {
    weightData.set(new Uint8Array(s), offset);
    offset += s.byteLength;
  }
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: weightData.buffer,
    ...(json.format ? { format: json.format } : {}),
    ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
    ...(json.convertedBy ? { convertedBy: json.convertedBy } : {}),
    ...(json.signature ? { signature: json.signature } : {}),
    ...(json.userDefinedMetadata ? { userDefinedMetadata: json.userDefinedMetadata } : {}),
  };
  return loadGraphModel(tf.io.fromMemory(artifacts));
}
