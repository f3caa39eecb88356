import * as tf from '@tensorflow/tfjs';
import type { RunClaim, RunHolder } from '@cxr/results';
import { takeOverMessage } from './interruption.ts';
import type { ResolvedRun } from './resolve-phase.ts';

/** What the claim phase found: the run is ours now, was done before, or another process holds it. */
export type ClaimResult =
  | { status: 'claimed'; runId: number; claim: RunClaim }
  | { status: 'skipped'; runId: number; /** The test metrics stored when it was done. */ test: Record<string, number> }
  | { status: 'busy'; runId: number; /** Who holds it (null if it let go in the meantime). */ holder: RunHolder | null };

/**
 * Claim phase of a run: registers the experiment, the identity config (dataDir left out; under the
 * run's label, or as an alias of the config's first label in the experiment) and the run
 * (config, seed, dataset fingerprint) - all idempotent - and claims it: a pending, failed or stale
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
  store.ensureExperiment(run.experiment);
  const { configId } = store.registerConfig(run.experiment, run.identityConfig, run.label);
  const row = store.registerRun({ configId, seed: run.seed, datasetFingerprint });
  if (row.status === 'done') return { status: 'skipped', runId: row.id, test: row.metrics['test'] ?? {} };
  const claim = store.claimRun(row.id, {
    backend: run.backend,
    codeVersion: codeVersion(),
    packageVersions: { '@tensorflow/tfjs': tf.version.tfjs },
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

let cachedVersion: string | undefined;
/** The code version recorded with a run: $CXR_CODE_VERSION, else the package version. */
function codeVersion(): string {
  cachedVersion ??= process.env.CXR_CODE_VERSION ?? '@cxr/train 0.1.0';
  return cachedVersion;
}
