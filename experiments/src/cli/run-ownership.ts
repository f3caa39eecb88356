/**
 * What `cxr train` tells a user about who owns a run: the busy line (who holds it and what to do)
 * and the line after an interruption (how to resume).
 */
import { formatHolder, type RunHolder } from '@cxr/results';
import type { TrainInterruptedError } from '@cxr/train';

/** Exit code of `cxr train` when another process holds the run. */
export const BUSY_EXIT_CODE = 3;

/**
 * @example busyMessage(1, holder) // "run 1 busy: held by pid 4242 on host h (heartbeat 12 s ago; stale in 9 min 48 s). Wait, or on another host use 'cxr train --take-over' / 'cxr db release 1'."
 */
export function busyMessage(runId: number, holder: RunHolder | null | undefined): string {
  if (!holder) return `run ${runId} busy: its holder let go of it just now; run the same command again.`;
  return `run ${runId} busy: held by ${formatHolder(holder)}. Wait, or on another host use 'cxr train --take-over' / 'cxr db release ${runId}'.`;
}

/**
 * @example interruptedMessage(err) // 'interrupted: run 1 handed back as pending after epoch 2; run the same command to resume from its checkpoint'
 */
export function interruptedMessage(error: TrainInterruptedError): string {
  const run = error.runId === undefined ? 'the run' : `run ${error.runId}`;
  if (error.epochsDone === 0)
    return `interrupted: ${run} handed back as pending before its first epoch ended; run the same command to start it again`;
  return `interrupted: ${run} handed back as pending after epoch ${error.epochsDone}; run the same command to resume from its checkpoint`;
}
