/*
 * One run = one (configuration, seed), as phases (ARCHITECTURE.md, "One run"), each a tested
 * function in its own module of this folder:
 *   1. resolve  - resolveRun: the request's defaults and the config hash (of identityConfig: the
 *                 config without dataset.dataDir; the caller has resolved the frozen
 *                 RunConfig from presets, files and flags: resolveConfig)
 *   2. data     - loadRunDataset: phantom generation when needed, then the adapter's records and
 *                 fingerprint (before the claim, since the run's identity includes the fingerprint)
 *   3. claim    - claimRun: register config and run (idempotent); a done run is returned, not
 *                 repeated; claim it (pending, failed or stale -> running) with backend and versions
 *      problems - recordDatasetProblems: the dataset's problems stored with the run; more than
 *                 maxDroppedFraction (1 %) of its rows dropped fails the run before training
 *      data     - prepareRunData: uncertainty policy, patient split, image cache (claimed, so a
 *                 failure from here on marks the run failed); every undecodable image is
 *                 reported at once and stored with the run (recordImageProblems)
 *   4. model    - modelPhase: loss weights, backbone + head with initial weights (random seeded /
 *                 pretrained / converted), unfreezing, checkpoint location (beside the database,
 *                 per run id); recorded with the run
 *   5. fit      - fitRun: epochs with validation, schedules, early stopping, checkpoints and resume;
 *                 each epoch row written as it ends, heartbeats, the afterCheckpoint hook
 *   6. evaluate - evaluateRun: best weights -> validation and test probabilities -> metrics,
 *                 operating points fixed on validation
 *   7. finish   - finishRun: the model with its best weights kept (runModelDir), then metrics,
 *                 label metrics and prediction blobs in one transaction; checkpoints removed
 * Every random choice derives from the run seed: 'init' (weights and dropout), 'split' (when the
 * config's split follows the run), and the pipeline's 'order/e', 'augment/e', 'mix/e' streams.
 */
import { join } from 'node:path';
import { claimRun } from './claim-phase.ts';
import { loadRunDataset, prepareRunData } from './data-phase.ts';
import { evaluateRun } from './evaluate-phase.ts';
import { finishRun } from './finish-phase.ts';
import { fitRun } from './fit-phase.ts';
import { handBackOrFail } from './interruption.ts';
import { modelPhase } from './model-phase.ts';
import { recordDatasetProblems, recordImageProblems } from './problems-phase.ts';
import { resolveRun } from './resolve-phase.ts';
import type { RunOutcome, RunRequest } from './run-request.ts';

export type { RunHooks, RunOutcome, RunRequest } from './run-request.ts';

/**
 * Trains and evaluates one (config, seed) and records everything in the results store; a run
 * already done is returned from the store. See the phase list at the top of this file.
 *
 * @throws whatever a phase throws (config, data, model errors); a claimed run is marked failed first;
 *   TrainInterruptedError once `req.signal` is aborted, the run handed back as pending.
 * @example const out = await runExperiment({ config: presetConfig('smoke'), seed: 1, store, backend: 'cpu' }); out.test.macro_auc_roc
 */
export async function runExperiment(req: RunRequest): Promise<RunOutcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const run = resolveRun(req);
  const dataset = await loadRunDataset(run.config, run.dataRoot, (line) => run.progress.message(line));
  const claimed = claimRun(run, dataset.fingerprint);
  const outcome = { runId: claimed.runId, configHash: run.configHash };
  if (claimed.status === 'skipped') return { ...outcome, status: 'skipped', test: claimed.test, seconds: seconds() };
  if (claimed.status === 'busy') return { ...outcome, status: 'busy', test: {}, seconds: seconds(), holder: claimed.holder };
  const { claim } = claimed;
  try {
    // the dataset's problems are stored with the run; too many dropped rows fail it here
    recordDatasetProblems(run.store, claim, dataset, req.maxDroppedFraction);
    const data = await recordImageProblems(run.store, claim, () =>
      prepareRunData(run.config, run.seed, dataset, join(run.dataRoot, 'cache')),
    );
    try {
      const m = await modelPhase(run, claim, data);
      try {
        const fitted = await fitRun(run, claim, data, m);
        const evaluation = await evaluateRun(m.model.model, m.loss, run.config, data);
        await finishRun(run, claim, data, fitted, evaluation, m.checkpoint.dir, m.model.model);
        return {
          ...outcome,
          status: 'done',
          test: evaluation.metrics.test,
          bestEpoch: fitted.bestEpoch,
          epochs: fitted.history.length,
          resumedEpochs: fitted.resumedEpochs,
          weights: m.model.weights,
          seconds: seconds(),
        };
      } finally {
        m.model.model.dispose();
      }
    } finally {
      data.cache.close();
    }
  } catch (error) {
    throw handBackOrFail(run.store, claim, error, req.signal); // interrupted: back to pending; else failed
  }
}
