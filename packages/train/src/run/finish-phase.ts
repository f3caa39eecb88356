import type { RunClaim } from '@cxr/results';
import { removeCheckpoints } from './checkpoint.ts';
import type { RunData } from './data-phase.ts';
import type { RunEvaluation } from './evaluate-phase.ts';
import type { FitResult } from './fit.ts';
import type { ResolvedRun } from './resolve-phase.ts';

/**
 * Finish phase of a run: in one transaction (the store's finishRun) the metrics, label metrics,
 * validation and test prediction blobs (probabilities next to the records' raw labels, before the
 * uncertainty policy) and the fit's summary (best epoch, epochs, early stop, resumed epochs, steps);
 * then the run's checkpoints are removed. Nothing is half-written: a failure before the commit
 * leaves the run running, its checkpoints in place.
 *
 * @example await finishRun(run, claim, data, fitted, evaluation, checkpoint.dir) // the run is 'done'
 */
export async function finishRun(
  run: ResolvedRun,
  claim: RunClaim,
  data: RunData,
  fitted: FitResult,
  evaluation: RunEvaluation,
  checkpointDir: string,
): Promise<void> {
  const { val, test, metrics } = evaluation;
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
