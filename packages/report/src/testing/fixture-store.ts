/**
 * The report fixture: a results store built through the real ResultsStore API (register, claim,
 * epochs, finish, fail) from the plans in fixture-data.ts, on a clock that only this file moves,
 * so two builds hold the same rows and timestamps and every report drawn from them is identical.
 */
import { IN_MEMORY, openResultsStore, type ClaimOptions, type ResultsStore, type RunClaim } from '@cxr/results';
import { ReportArgumentError, ReportError } from '../errors.ts';
import {
  FIXTURE_FINGERPRINT,
  FIXTURE_LABELS,
  FIXTURE_PLANS,
  FIXTURE_START_MS,
  type FixtureExperimentPlan,
  type FixtureRunPlan,
} from './fixture-data.ts';
import { fixturePredictions } from './fixture-predictions.ts';

const MINUTE = 60_000;
/** Each run starts this long after the one before it (the fixture's runs do not overlap). */
const RUN_SPACING_MS = 15 * MINUTE;
const EPOCH_MS = 2 * MINUTE;
const CLAIM: ClaimOptions = { backend: 'wasm', codeVersion: '@cxr/train 0.1.0', packageVersions: { '@tensorflow/tfjs': '4.22.0' } };

/**
 * Builds the fixture store: experiments 'fixture-unfreeze' (levels '0 %', '50 %', '90 %', '100 %';
 * seeds 1-3; one run failed, one pending, one running, one done on its second attempt) and
 * 'fixture-loss' (three losses, three seeds, all done), with epochs, test and val metrics, per-label
 * test AUC-ROC, validation and test predictions (fixture-predictions.ts) and info.params as the trainer stores them. Timestamps come from a fixed clock
 * starting at FIXTURE_START_MS (2026-01-05 09:00 UTC).
 *
 * @param path database file to create (default in memory); it must not hold a fixture already.
 * @throws ReportArgumentError when `path` already holds a fixture experiment.
 * @example const store = buildFixtureStore(); store.listRuns({ experiment: 'fixture-loss' }).length // 9
 */
export function buildFixtureStore(path: string = IN_MEMORY): ResultsStore {
  let clock = FIXTURE_START_MS;
  const store = openResultsStore({ path, now: () => clock });
  const existing = store.listExperiments().map((e) => e.name);
  if (FIXTURE_PLANS.some((p) => existing.includes(p.name))) {
    store.close();
    throw new ReportArgumentError('buildFixtureStore', 'path', 'a new database file (it already holds a fixture experiment)', path);
  }
  let runIndex = 0;
  for (const plan of FIXTURE_PLANS) {
    store.ensureExperiment(plan.name, plan.description);
    const configIds = new Map(
      plan.levels.map((level) => [level.label, store.registerConfig(plan.name, { ...plan.base, ...level.changes }, level.label).configId]),
    );
    const runIds = plan.runs.map(
      (r) => store.registerRun({ configId: configIds.get(r.level)!, seed: r.seed, datasetFingerprint: FIXTURE_FINGERPRINT }).id,
    );
    plan.runs.forEach((run, i) => {
      const start = FIXTURE_START_MS + ++runIndex * RUN_SPACING_MS;
      const at = (ms: number) => (clock = start + ms);
      playRun(store, plan, run, runIds[i]!, at);
    });
  }
  return store;
}

/** Takes one planned run through its outcome, moving the clock with `at` (ms after the run's start). */
function playRun(store: ResultsStore, plan: FixtureExperimentPlan, run: FixtureRunPlan, runId: number, at: (ms: number) => void): void {
  if (run.outcome === 'pending') return;
  at(0);
  let claim = claimed(store, runId);
  if (run.outcome === 'retried-done') {
    recordEpochs(store, claim, run, 1, at);
    at(EPOCH_MS + MINUTE);
    store.failRun(claim, 'worker killed (SIGKILL) during epoch 2');
    at(5 * MINUTE);
    claim = claimed(store, runId);
    recordEpochs(store, claim, run, plan.epochs, at, 5 * MINUTE);
    finish(store, claim, plan, run, at, 5 * MINUTE);
    return;
  }
  if (run.outcome === 'done') {
    recordEpochs(store, claim, run, plan.epochs, at);
    finish(store, claim, plan, run, at);
    return;
  }
  recordEpochs(store, claim, run, run.epochs ?? 0, at);
  if (run.outcome === 'failed') {
    at((run.epochs ?? 0) * EPOCH_MS + MINUTE);
    store.failRun(claim, run.error ?? 'failed');
  }
}

function claimed(store: ResultsStore, runId: number): RunClaim {
  const claim = store.claimRun(runId, CLAIM);
  // Only a fresh database reaches here, so every planned claim succeeds.
  if (!claim) throw new ReportError(`buildFixtureStore: run ${runId} could not be claimed`);
  return claim;
}

/** Validation curves: macro AUC rising towards the run's final value, losses falling, all rounded to 4 decimals. */
function epochValues(run: FixtureRunPlan, epoch: number, epochs: number) {
  const finalAuc = testAuc(run) + 0.01;
  const behind = Math.max(0, epochs - epoch);
  return {
    trainLoss: r4(0.62 - 0.08 * epoch + 0.005 * run.seed),
    valLoss: r4(0.66 - 0.05 * epoch + 0.004 * run.seed),
    metrics: { macro_auc_roc: r4(finalAuc - 0.04 * behind), macro_pr_auc: r4((run.prAuc ?? 0.15) + 0.005 - 0.02 * behind) },
  };
}

function recordEpochs(
  store: ResultsStore,
  claim: RunClaim,
  run: FixtureRunPlan,
  epochs: number,
  at: (ms: number) => void,
  offset = 0,
): void {
  // A run that stops early (failed, running) is shaped as if it had the experiment's three epochs.
  const span = Math.max(epochs, 3);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    at(offset + epoch * EPOCH_MS);
    store.recordEpoch(claim, { epoch, ...epochValues(run, epoch, span), learningRates: { backbone: 1e-4, head: 1e-3 }, seconds: 118.5 });
  }
}

function finish(
  store: ResultsStore,
  claim: RunClaim,
  plan: FixtureExperimentPlan,
  run: FixtureRunPlan,
  at: (ms: number) => void,
  offset = 0,
): void {
  at(offset + plan.epochs * EPOCH_MS + MINUTE);
  const last = epochValues(run, plan.epochs, plan.epochs);
  const params = plan.levels.find((l) => l.label === run.level)!.params;
  store.finishRun(claim, {
    metrics: [
      { split: 'test', name: 'macro_auc_roc', value: testAuc(run) },
      { split: 'test', name: 'macro_pr_auc', value: run.prAuc! },
      { split: 'test', name: 'brier', value: run.brier! },
      { split: 'test', name: 'loss', value: r4(last.valLoss + 0.01) },
      { split: 'val', name: 'macro_auc_roc', value: last.metrics.macro_auc_roc },
      { split: 'val', name: 'macro_pr_auc', value: last.metrics.macro_pr_auc },
      { split: 'val', name: 'loss', value: last.valLoss },
    ],
    labelMetrics: FIXTURE_LABELS.map((label, j) => ({ split: 'test', label, name: 'auc_roc', value: run.labelAuc![j]! })),
    predictions: (['val', 'test'] as const).map((split) =>
      fixturePredictions(
        split,
        run.seed,
        plan.levels.findIndex((l) => l.label === run.level),
        run.labelAuc!,
      ),
    ),
    info: { params, epochs: plan.epochs, bestEpoch: plan.epochs, stoppedEarly: false },
  });
}

/** The test macro AUC-ROC of a planned run: the mean of its per-label values. */
function testAuc(run: FixtureRunPlan): number {
  const [a, b, c] = run.labelAuc ?? [0.7, 0.7, 0.7];
  return (a + b + c) / 3;
}

function r4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
