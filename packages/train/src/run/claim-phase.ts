import type { ResultsStore, RunClaim, RunHolder, RunRow } from '@cxr/results';
import { backendVersions } from '../backend/backend-versions.ts';
import { identityConfig } from '../config/identity-config.ts';
import type { RunConfig } from '../config/run-config.ts';
import { takeOverMessage } from './interruption.ts';
import type { ResolvedRun } from './resolve-phase.ts';

/** What the claim phase found: the run is ours now, was done before, or another process holds it. */
export type ClaimResult =
  | { status: 'claimed'; runId: number; claim: RunClaim }
  | { status: 'skipped'; runId: number; /** The test metrics stored when it was done. */ test: Record<string, number> }
  | { status: 'busy'; runId: number; /** Who holds it (null if it let go in the meantime). */ holder: RunHolder | null };

/** What names one run of an experiment: the experiment, the config's label in it, the config and the seed. */
export interface RunCell {
  experiment: string;
  label: string;
  /** The resolved config; its identity config (dataDir left out) is what gets registered. */
  config: RunConfig;
  seed: number;
}

/**
 * Registers one run - the experiment, the identity config of `cell.config` (dataset.dataDir null)
 * under `cell.label` (or as an alias of the config's first label in the experiment), and the run
 * (config, seed, dataset fingerprint) - and returns its row, whatever its status. Idempotent. The
 * one registration the trainer's claim phase and the sweep runner (which registers every cell up
 * front) share, so a run's config identity, label and aliases cannot differ between the two.
 * Cost: a few SQLite statements.
 *
 * @throws ResultsArgumentError from the store for an empty experiment or label, or a bad seed or fingerprint.
 * @example registerRunCell(store, { experiment: 'table2', label: '90 %', config, seed: 1 }, dataset.fingerprint).status // 'pending'
 */
export function registerRunCell(store: ResultsStore, cell: RunCell, datasetFingerprint: string): RunRow {
  store.ensureExperiment(cell.experiment);
  const { configId } = store.registerConfig(cell.experiment, identityConfig(cell.config), cell.label);
  return store.registerRun({ configId, seed: cell.seed, datasetFingerprint });
}

/**
 * Claim phase of a run: registers it (registerRunCell: the experiment, the identity config under the
 * run's label or as an alias, the run - all idempotent) and claims it: a pending, failed or stale
 * running run becomes running, with the backend, code version and tfjs version recorded; a run
 * whose holder's process is gone (same host) is taken over at once, and `takeOver` takes it from
 * any holder (a progress line names the previous one). A done run is 'skipped' (not repeated); a
 * run a live process holds with a fresh heartbeat is 'busy', with its holder.
 * Cost: a few SQLite statements.
 *
 * @example claimRun(resolveRun(req), dataset.fingerprint) // { status: 'claimed', runId: 1, claim }
 */
export function claimRun(run: ResolvedRun, datasetFingerprint: string): ClaimResult {
  const { store } = run;
  const row = registerRunCell(
    store,
    { experiment: run.experiment, label: run.label, config: run.identityConfig, seed: run.seed },
    datasetFingerprint,
  );
  if (row.status === 'done') return { status: 'skipped', runId: row.id, test: row.metrics['test'] ?? {} };
  const claim = store.claimRun(row.id, {
    backend: run.backend,
    codeVersion: codeVersion(),
    packageVersions: backendVersions(run.backend),
    ...(run.staleAfterMs !== undefined ? { staleAfterMs: run.staleAfterMs } : {}),
    ...(run.takeOver ? { takeOver: true } : {}),
  });
  if (!claim) {
    const holder = store.runHolder(row.id, run.staleAfterMs !== undefined ? { staleAfterMs: run.staleAfterMs } : {});
    return { status: 'busy', runId: row.id, holder };
  }
  if (claim.previous) run.progress.message(takeOverMessage(row.id, claim.previous));
  return { status: 'claimed', runId: row.id, claim };
}

/**
 * Records as failed, with `error`, a registered run that could not even start (runExperiment threw
 * before its claim: missing weights, a missing data folder): it is claimed with the same backend and
 * versions a training claim records, then failed, so `cxr db runs` and a sweep's summary show why.
 * Returns false, changing nothing, when the run is done or another live process holds it.
 *
 * @throws ResultsNotFoundError for an unknown run id.
 * @example failRunBeforeStart(store, 3, 'wasm', err) // true; run 3 is failed with err's text
 */
export function failRunBeforeStart(store: ResultsStore, runId: number, backend: string, error: unknown): boolean {
  const claim = store.claimRun(runId, { backend, codeVersion: codeVersion(), packageVersions: backendVersions(backend) });
  if (!claim) return false;
  store.failRun(claim, error);
  return true;
}

let cachedVersion: string | undefined;
/** The code version recorded with a run: $CXR_CODE_VERSION, else the package version. */
function codeVersion(): string {
  cachedVersion ??= process.env.CXR_CODE_VERSION ?? '@cxr/train 0.1.0';
  return cachedVersion;
}
