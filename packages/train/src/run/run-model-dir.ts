import { basename, dirname, join } from 'node:path';
import type { ImageConfig } from '../config/run-config.ts';
import type { CheckpointStore } from './checkpoint.ts';

/** Version tag of a run's saved model folder (meta.json `format`). */
export const RUN_MODEL_FORMAT = 'cxr-run-model/1';

/** meta.json of a run's saved model: who the weights belong to and how inputs must be prepared. */
export interface RunModelMeta {
  format: typeof RUN_MODEL_FORMAT;
  runId: number;
  configHash: string;
  datasetFingerprint: string;
  seed: number;
  /** Output order of the model: column j is the probability of labelNames[j]. */
  labelNames: string[];
  /** The run's input preprocessing (size, channels, normalisation); preprocessImageFile applies it. */
  image: ImageConfig;
  backbone: string;
  /** What the model's outputs are: logits (predictProbabilities applies the sigmoid). */
  output: 'logits';
  /**
   * A two-input model's second input, in order (patientFeatures' names: age, sex, view); absent =
   * the model takes the image alone.
   */
  patientInputs?: string[];
}

/**
 * Where a finished run's best weights are kept: `<database file>.models/<run id>` beside the
 * database that holds the run (like its checkpoints, so a copied or re-made database never shares
 * them); an in-memory store, which has no file, uses `<weightsRoot>/models/memory-<store identity>/<run id>`.
 *
 * @example runModelDir(store, 3) // '/work/results.db.models/3'
 */
export function runModelDir(store: CheckpointStore, runId: number, weightsRoot = 'weights'): string {
  return store.inMemory
    ? join(weightsRoot, 'models', `memory-${store.identity}`, String(runId))
    : join(dirname(store.path), `${basename(store.path)}.models`, String(runId));
}
