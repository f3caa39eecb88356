import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadModelFrom } from '@cxr/models';
import { ResultsNotFoundError, type ResultsStore } from '@cxr/results';
import type { RunConfig } from '../config/run-config.ts';
import { TrainStateError } from '../errors.ts';
import { RUN_MODEL_META_FILE } from './save-run-model.ts';
import { RUN_MODEL_FORMAT, runModelDir, type RunModelMeta } from './run-model-dir.ts';

/** A finished run's model, ready to predict. The caller disposes `model`. */
export interface LoadedRunModel {
  model: tf.LayersModel;
  /** The run's identity config as results.db stores it (dataset.dataDir null). */
  config: RunConfig;
  /** Output order of the model. */
  labelNames: string[];
  /** The folder it was read from. */
  dir: string;
  meta: RunModelMeta;
}

/**
 * Loads the best weights a done run kept (runModelDir) and checks that they are that run's:
 * meta.json's run id, config hash, dataset fingerprint, seed and image config must match the store.
 *
 * @throws TrainStateError when the run is not in the store, is not done, has no saved model (runs
 *   finished before models were kept have none: retrain them), or its meta.json is unreadable or
 *   belongs to another run; ModelWeightsError when model.json or weights.bin is damaged.
 * @example const { model, labelNames } = await loadRunModel(store, 3); model.predict(input)
 */
export async function loadRunModel(store: ResultsStore, runId: number, opts: { weightsRoot?: string } = {}): Promise<LoadedRunModel> {
  const fn = 'loadRunModel';
  let run;
  try {
    run = store.getRun(runId);
  } catch (error) {
    if (error instanceof ResultsNotFoundError) throw new TrainStateError(fn, `run ${runId} is not in ${store.path}`);
    throw error;
  }
  if (run.status !== 'done')
    throw new TrainStateError(fn, `run ${runId} is ${run.status}, not done; only a finished run has best weights to load`);
  const dir = runModelDir(store, runId, opts.weightsRoot);
  const metaPath = join(dir, RUN_MODEL_META_FILE);
  if (!existsSync(metaPath))
    throw new TrainStateError(
      fn,
      `run ${runId} has no saved model at ${resolve(dir)}; runs that finished before this version kept no weights: delete it (cxr db delete ${runId}) and train it again`,
    );
  let meta: RunModelMeta;
  try {
    meta = JSON.parse(await readFile(metaPath, 'utf8')) as RunModelMeta;
  } catch (error) {
    throw new TrainStateError(fn, `${resolve(metaPath)} is unreadable: ${(error as Error).message}`);
  }
  const config = store.getConfig(run.configId) as RunConfig;
  const expected: [string, unknown, unknown][] = [
    ['format', meta.format, RUN_MODEL_FORMAT],
    ['runId', meta.runId, runId],
    ['configHash', meta.configHash, run.configHash],
    ['datasetFingerprint', meta.datasetFingerprint, run.datasetFingerprint],
    ['seed', meta.seed, run.seed],
    ['image', imageKey(meta.image), imageKey(config.image)],
  ];
  for (const [key, found, want] of expected) {
    if (found !== want)
      throw new TrainStateError(
        fn,
        `${resolve(metaPath)} does not match run ${runId} of ${store.path}: ${key} is ${JSON.stringify(found)}, the run has ${JSON.stringify(want)}`,
      );
  }
  if (!Array.isArray(meta.labelNames) || meta.labelNames.length === 0)
    throw new TrainStateError(fn, `${resolve(metaPath)}: labelNames must be a non-empty list, received ${JSON.stringify(meta.labelNames)}`);
  const model = await loadModelFrom(dir);
  return { model, config, labelNames: meta.labelNames, dir, meta };
}

function imageKey(image: RunConfig['image'] | undefined): string {
  return image ? `${image.size} px, ${image.channels} channel(s), ${image.normalization}` : String(image);
}
