import type * as tf from '@tensorflow/tfjs';
import type { RunClaim } from '@cxr/results';
import { removeCheckpoints } from './checkpoint.ts';
import type { RunData } from './data-phase.ts';
import type { RunEvaluation } from './evaluate-phase.ts';
import type { FitResult } from './fit.ts';
import type { ResolvedRun } from './resolve-phase.ts';
import { RUN_MODEL_FORMAT, runModelDir } from './run-model-dir.ts';
import { saveRunModel } from './save-run-model.ts';

/**
 * Finish phase of a run: first the model with its best weights (those evaluation used) is saved to
 * runModelDir (replacing an earlier attempt's), so a done run always has it; then in one transaction (the store's finishRun) the metrics, label metrics,
 * validation and test prediction blobs (probabilities next to the records' raw labels, before the
 * uncertainty policy) and the fit's summary (best epoch, epochs, early stop, resumed epochs, steps);
 * then the run's checkpoints are removed. Nothing is half-written: a failure before the commit
 * leaves the run running, its checkpoints in place.
 *
 * @example await finishRun(run, claim, data, fitted, evaluation, checkpoint.dir, model) // the run is 'done', its model in results.db.models/<id>
 */
export async function finishRun(
  run: ResolvedRun,
  claim: RunClaim,
  data: RunData,
  fitted: FitResult,
  evaluation: RunEvaluation,
  checkpointDir: string,
  model: tf.LayersModel,
): Promise<void> {
  const { val, test, metrics } = evaluation;
  await saveRunModel(runModelDir(run.store, claim.runId, run.weightsRoot), model, {
    format: RUN_MODEL_FORMAT,
    runId: claim.runId,
    configHash: run.configHash,
    datasetFingerprint: data.dataset.fingerprint,
    seed: run.seed,
    labelNames: data.labelNames,
    image: run.config.image,
    backbone: run.config.model.backbone,
    output: 'logits',
    ...(run.config.model.patientInputs?.length ? { patientInputs: run.config.model.patientInputs } : {}),
  });
  run.store.finishRun(claim, {
    metrics: metrics.metrics,
    labelMetrics: metrics.labelMetrics,
    predictions: [
      {
        split: 'val',
        labelNames: data.labelNames,
        rows: val.rows,
        cols: val.cols,
        probabilities: val.probabilities,
        labels: rawLabels(data, data.split.val),
      },
      {
        split: 'test',
        labelNames: data.labelNames,
        rows: test.rows,
        cols: test.cols,
        probabilities: test.probabilities,
        labels: rawLabels(data, data.split.test),
      },
    ],
    info: {
      bestEpoch: fitted.bestEpoch,
      epochs: fitted.history.length,
      stoppedEarly: fitted.stoppedEarly,
      resumedEpochs: fitted.resumedEpochs,
      steps: fitted.steps,
    },
  });
  await removeCheckpoints(checkpointDir);
}

/** The records' labels as stored (before the uncertainty policy), row-major, one row per index. */
function rawLabels(data: RunData, indices: number[]): Float32Array {
  const k = data.labelNames.length;
  const out = new Float32Array(indices.length * k);
  indices.forEach((i, r) => out.set(data.dataset.records[i]!.labels, r * k));
  return out;
}
