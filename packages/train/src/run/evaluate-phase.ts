import type * as tf from '@tensorflow/tfjs';
import { evalBatches } from '@cxr/data';
import type { RunConfig } from '../config/run-config.ts';
import type { BoundLoss } from '../losses/registry.ts';
import type { StepBatch } from '../step/train-step.ts';
import type { RunData } from './data-phase.ts';
import { predictSplit, runMetrics, type RunMetrics, type SplitPredictions } from './evaluate.ts';

/**
 * The evaluation batches of some records of the run's data (in their order, no augmentation, the
 * configured eval batch size, channels and normalisation), as fit's validation and the evaluate
 * phase read them. Lazy: images are read from the cache as the batches are consumed.
 *
 * @example predictSplit(model, loss, runEvalBatches(config, data, data.split.val))
 */
export function runEvalBatches(config: RunConfig, data: RunData, indices: number[]): Iterable<StepBatch> {
  return evalBatches({
    cache: data.cache,
    indices,
    targets: data.targets,
    masks: data.masks,
    tabular: data.tabular,
    batchSize: config.evalBatchSize,
    channels: config.image.channels,
    normalization: config.image.normalization,
  });
}

/** What the evaluate phase hands to finish. */
export interface RunEvaluation {
  val: SplitPredictions;
  test: SplitPredictions;
  metrics: RunMetrics;
}

/**
 * Evaluate phase of a run: the fitted model (best weights restored by fit) -> validation and test
 * probabilities -> runMetrics (test metrics, per-label metrics, operating points fixed on
 * validation). Cost: one inference pass over validation and test. Leaves no tensors behind.
 *
 * @example const { metrics } = await evaluateRun(model, loss, config, data); metrics.test.macro_auc_roc // 0.38 (smoke, seed 1)
 */
export async function evaluateRun(model: tf.LayersModel, loss: BoundLoss, config: RunConfig, data: RunData): Promise<RunEvaluation> {
  const val = await predictSplit(model, loss, runEvalBatches(config, data, data.split.val));
  const test = await predictSplit(model, loss, runEvalBatches(config, data, data.split.test));
  return { val, test, metrics: runMetrics(val, test, data.labelNames, config.thresholds ?? null, config.thresholdMinPrecision) };
}
