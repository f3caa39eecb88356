/**
 * The messages between a sweep (the parent) and its worker processes, over the IPC channel of
 * child_process.fork: the parent hands one cell at a time to an idle worker; the worker reports
 * progress and one result per cell. Plain JSON, so both ends can check what arrives.
 */
import type { RunHolder } from '@cxr/results';
import type { RunConfig } from '@cxr/train';

/** One cell as a worker needs it: enough to call runExperiment, and to check it is the registered run. */
export interface WorkerCell {
  /** The cell's index in the experiment (ResolvedCell.index). */
  index: number;
  /** The run registered for it up front. */
  runId: number;
  experiment: string;
  /** The level label: the label its config is registered under. */
  level: string;
  seed: number;
  configHash: string;
  config: RunConfig;
}

/** Parent -> worker. 'stop': hand the current cell back as pending (abort) and exit; 'exit': no more work. */
export type ToWorker = { type: 'run'; cell: WorkerCell } | { type: 'stop'; reason: string } | { type: 'exit' };

/** How one cell ended in a worker. */
export type CellResult =
  /** 'done': trained now; 'skipped': it was done already (by an earlier or another sweep). */
  | {
      status: 'done' | 'skipped';
      runId: number;
      test: Record<string, number>;
      seconds: number;
      epochs?: number;
      resumedEpochs?: number;
    }
  /** Another live process holds the run: the parent retries it after the others. */
  | { status: 'busy'; runId: number; holder: RunHolder | null; seconds: number }
  /** runExperiment threw; the run is recorded failed with `error` (`recorded` false: another process held it by then). */
  | { status: 'failed'; runId: number; error: string; seconds: number; recorded: boolean }
  /** Stopped by 'stop', a signal or the parent gone: handed back as pending after `epochsDone` epochs. */
  | { status: 'interrupted'; runId: number; epochsDone: number; seconds: number };

/** What a worker is doing within its cell (throttled: a few messages a second at most). */
export interface CellProgress {
  epoch: number;
  epochs: number;
  step: number;
  steps: number;
  /** Images per second in the current epoch so far (0 before the first batch). */
  imagesPerSecond: number;
}

/** Worker -> parent. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; index: number; progress: CellProgress }
  | { type: 'message'; index: number; text: string }
  | { type: 'result'; index: number; result: CellResult };

/** A message arriving from a worker, checked just enough to route it (anything else is a protocol breach). */
export function isFromWorker(value: unknown): value is FromWorker {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (type === 'ready') return true;
  return (type === 'progress' || type === 'message' || type === 'result') && typeof (value as { index?: unknown }).index === 'number';
}

/** A message arriving from the parent, checked the same way. */
export function isToWorker(value: unknown): value is ToWorker {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (type === 'stop' || type === 'exit') return true;
  return type === 'run' && typeof (value as { cell?: { index?: unknown } }).cell?.index === 'number';
}
