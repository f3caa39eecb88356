/**
 * Interrupting a run (Ctrl-C, SIGTERM, the launcher gone): the caller aborts an AbortSignal; fit
 * checks it between batches and throws TrainInterruptedError; runExperiment then hands the claim
 * back as pending (not failed) and rethrows, so the same command resumes from the last epoch
 * checkpoint. The signal's `reason` names the cause (the CLI passes the signal name, 'SIGINT').
 */
import { formatHolder, type ResultsStore, type RunClaim, type RunHolder } from '@cxr/results';
import { TrainInterruptedError } from '../errors.ts';

/** The abort reason as a short word: a string reason itself, else 'aborted'. */
export function abortReason(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'aborted';
}

/**
 * Throws TrainInterruptedError when `signal` has been aborted (nothing without a signal).
 *
 * @example throwIfInterrupted(req.signal, state.epochsDone)
 */
export function throwIfInterrupted(signal: AbortSignal | undefined, epochsDone: number): void {
  if (signal?.aborted) throw new TrainInterruptedError(abortReason(signal), epochsDone);
}

/**
 * What runExperiment does with an error thrown while it holds `claim`: when the run was
 * interrupted (a TrainInterruptedError, or any error once `signal` is aborted) the run goes back
 * to pending and the returned TrainInterruptedError carries the run id and the epochs done (the
 * epoch rows in the store match the checkpoint); any other error marks the run failed and is
 * returned as it is. The caller throws what this returns.
 */
export function handBackOrFail(store: ResultsStore, claim: RunClaim, error: unknown, signal: AbortSignal | undefined): unknown {
  if (!(error instanceof TrainInterruptedError) && !signal?.aborted) {
    store.failRun(claim, error);
    return error;
  }
  store.releaseRun(claim);
  const epochsDone = error instanceof TrainInterruptedError ? error.epochsDone : store.getEpochs(claim.runId).length;
  const reason = error instanceof TrainInterruptedError ? error.reason : abortReason(signal!);
  return new TrainInterruptedError(reason, epochsDone, claim.runId);
}

/**
 * The line runExperiment prints when its claim replaced another one: a warning when that holder
 * may still be alive (forced take-over, or another host's stale claim).
 *
 * @example takeOverMessage(1, holder) // 'run 1: taking over from pid 4242 on host h (heartbeat 3 s ago; its process is gone)'
 */
export function takeOverMessage(runId: number, previous: RunHolder): string {
  const who = formatHolder(previous);
  if (previous.process === 'gone' || previous.staleInMs === 0) return `run ${runId}: taking over from ${who}`;
  return `warning: run ${runId} taken over from ${who}, which may still be running; its further writes to the run will be refused`;
}
