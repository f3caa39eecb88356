/**
 * A tfjs IOHandler over a local directory, in tfjs-layers format: model.json (topology + weights
 * manifest) and one weights.bin. Files are written to temporary names and renamed when complete,
 * weights first, so a reader never sees a half-written file.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readArtifacts } from './weights-source.ts';

const WEIGHTS_FILE = 'weights.bin';
let tempCounter = 0;

async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Saves into `dir` (created if needed); `metadata` goes to model.json's userDefinedMetadata. */
export function fileSaveHandler(dir: string, metadata?: Record<string, unknown>): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      await mkdir(dir, { recursive: true });
      const data = artifacts.weightData == null ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      await writeAtomic(join(dir, WEIGHTS_FILE), new Uint8Array(data));
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: artifacts.weightSpecs ?? [] }],
        ...(metadata || artifacts.userDefinedMetadata ? { userDefinedMetadata: { ...artifacts.userDefinedMetadata, ...metadata } } : {}),
      };
      await writeAtomic(join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData: data }) };
    },
  };
}

/** Loads a tfjs-layers model from a directory, a model.json path or a user-given URL. */
export function fileLoadHandler(source: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const { modelJson, weightSpecs, weightData } = await readArtifacts('loadModelFrom', source);
      return {
        modelTopology: modelJson.modelTopology ?? undefined,
        format: modelJson.format,
        generatedBy: modelJson.generatedBy,
        convertedBy: modelJson.convertedBy ?? null,
        weightSpecs,
        weightData,
        ...(modelJson.userDefinedMetadata ? { userDefinedMetadata: modelJson.userDefinedMetadata as Record<string, {}> } : {}),
      };
    },
  };
}
