/**
 * Reading tfjs-layers artefacts (model.json + binary weight shards) from a local directory, a
 * model.json path, or an http(s) URL the user gave. There is no tfjs-node here, so tf.io's file://
 * handlers do not exist; this is the node:fs (and fetch) equivalent.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { ModelWeightsError } from '../errors.ts';

/** The parsed model.json of a tfjs-layers model (topology may be absent in weights-only files). */
export interface ModelJson {
  modelTopology?: object | null;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ReadArtifacts {
  modelJson: ModelJson;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/** True when `source` is an http(s) URL (fetched only because the user passed it). */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/**
 * Reads model.json and every weight shard it lists, concatenated in manifest order.
 *
 * @throws ModelWeightsError naming the source when model.json or a shard is missing, unreadable
 *   or malformed, or a download fails.
 */
export async function readArtifacts(fn: string, source: string): Promise<ReadArtifacts> {
  const url = isUrl(source);
  const jsonPath = url ? (source.endsWith('.json') ? source : `${source.replace(/\/$/, '')}/model.json`) : await localJsonPath(fn, source);
  const readBytes = async (p: string): Promise<Uint8Array> => {
    try {
      if (!url) return new Uint8Array(await readFile(p));
      const res = await fetch(p);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      return new Uint8Array(await res.arrayBuffer());
    } catch (error) {
      throw new ModelWeightsError(fn, source, `cannot read ${p}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(await readBytes(jsonPath))) as ModelJson;
  } catch (error) {
    if (error instanceof ModelWeightsError) throw error;
    throw new ModelWeightsError(fn, source, `${jsonPath} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(modelJson.weightsManifest)) throw new ModelWeightsError(fn, source, `${jsonPath} has no weightsManifest array`);
  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) parts.push(await readBytes(url ? new URL(p, jsonPath).href : join(dirname(jsonPath), p)));
  }
  const total = parts.reduce((s, p) => s + p.byteLength, 0);
  const expected = weightSpecs.reduce((s, w) => s + specBytes(w), 0);
  if (total !== expected)
    throw new ModelWeightsError(fn, source, `weight shards hold ${total} bytes but the manifest describes ${expected}`);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  return { modelJson, weightSpecs, weightData: data.buffer };
}

async function localJsonPath(fn: string, source: string): Promise<string> {
  try {
    return (await stat(source)).isDirectory() ? join(source, 'model.json') : source;
  } catch {
    throw new ModelWeightsError(
      fn,
      source,
      'no such file or directory (expected a directory holding model.json and weight shards, a model.json path, or an http(s) URL)',
    );
  }
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes a manifest entry occupies in the shards (quantised entries use their stored dtype). */
function specBytes(w: tf.io.WeightsManifestEntry): number {
  const n = w.shape.reduce((p, d) => p * d, 1);
  const dtype = (w.quantization?.dtype as string | undefined) ?? w.dtype;
  return n * (DTYPE_BYTES[dtype] ?? 4);
}
