/**
 * The parent's scheduler: runs cells in worker processes, one cell per worker at a time, each
 * worker claiming its cell's run through runExperiment. Results come back over IPC; a 'busy' cell
 * is retried after the others (CellQueue); a worker that dies (kill -9, a crash) is replaced and its
 * cell handed to the next free worker at once; `signal` (Ctrl-C, SIGTERM) sends every worker
 * 'stop', so each hands its cell back as pending, and resolves once all have exited.
 */
import { CellQueue } from './cell-queue.ts';
import { SweepError } from './sweep-error.ts';
import type { SweepCellResult, SweepView } from './sweep-view-types.ts';
import { isFromWorker, type ToWorker, type WorkerCell } from './worker-protocol.ts';

/** A worker process as the scheduler uses it (a ChildProcess from fork in the CLI; a fake in tests). */
export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(signal: NodeJS.Signals): void;
}

export interface RunCellsOptions {
  cells: readonly WorkerCell[];
  /** How many workers run at once (at most one per cell). */
  workers: number;
  spawn: () => WorkerProcess;
  view: SweepView;
  /** Aborted: stop every worker (its cell handed back as pending) and resolve. */
  signal: AbortSignal;
  /** A busy cell is offered again after this long (default 2000 ms). */
  retryAfterMs?: number;
  /** After `signal`, workers still alive this long are killed (default 20 s; their claims are taken over at once by the next sweep). */
  stopGraceMs?: number;
}

export interface CellOutcome {
  cell: WorkerCell;
  result: SweepCellResult;
}

export interface RunCellsResult {
  /** One per cell that ended in this sweep, in the order they ended. */
  outcomes: CellOutcome[];
  /** True when `signal` stopped the sweep (cells without an outcome are still pending). */
  interrupted: boolean;
}

interface Slot {
  id: number;
  proc: WorkerProcess;
  ready: boolean;
  cell: WorkerCell | undefined;
}

/** Workers exiting before they say 'ready' this many times in a row: they cannot start, so the sweep stops. */
const MAX_FAILED_STARTS = 3;

/**
 * Runs `cells` (all of them, busy ones until they are done or claimable) and resolves with their outcomes.
 *
 * @throws SweepError (as a rejection) for a worker count below 1, or when workers keep exiting before they start.
 * @example const { outcomes } = await runCells({ cells, workers: 2, spawn: forkWorker, view, signal })
 */
export function runCells(o: RunCellsOptions): Promise<RunCellsResult> {
  if (!(Number.isInteger(o.workers) && o.workers >= 1)) {
    return Promise.reject(new SweepError(`runCells: workers must be an integer >= 1, received ${o.workers}`));
  }
  return new Promise((resolve, reject) => {
    const queue = new CellQueue(o.cells, { retryAfterMs: o.retryAfterMs ?? 2000 });
    const outcomes: CellOutcome[] = [];
    const slots = new Map<number, Slot>();
    const want = Math.min(o.workers, o.cells.length);
    let stopping = false;
    let failedStarts = 0;
    let failure: Error | undefined;
    let waitTimer: NodeJS.Timeout | undefined;
    let killTimer: NodeJS.Timeout | undefined;

    const finishIfIdle = () => {
      if (slots.size > 0) return;
      if (waitTimer) clearTimeout(waitTimer);
      if (killTimer) clearTimeout(killTimer);
      o.signal.removeEventListener('abort', onAbort);
      if (failure) reject(failure);
      else resolve({ outcomes, interrupted: o.signal.aborted });
    };

    const send = (slot: Slot, message: ToWorker) => {
      try {
        slot.proc.send(message);
      } catch {
        // its channel is closed: the worker is exiting, and its exit is handled below
      }
    };

    const stopAll = (reason: string) => {
      if (stopping) return;
      stopping = true;
      if (waitTimer) clearTimeout(waitTimer);
      for (const slot of slots.values()) send(slot, { type: 'stop', reason });
      killTimer = setTimeout(() => {
        for (const slot of slots.values()) slot.proc.kill('SIGKILL');
      }, o.stopGraceMs ?? 20_000);
      finishIfIdle();
    };
    const onAbort = () => stopAll(typeof o.signal.reason === 'string' ? o.signal.reason : 'interrupted');

    const dispatch = () => {
      if (stopping) return;
      for (const slot of slots.values()) {
        if (!slot.ready || slot.cell) continue;
        const next = queue.next(Date.now());
        if (next.kind === 'cell') {
          slot.cell = next.item;
          o.view.started(next.item, slot.id);
          send(slot, { type: 'run', cell: next.item });
        } else if (next.kind === 'wait') {
          if (!waitTimer) {
            waitTimer = setTimeout(() => {
              waitTimer = undefined;
              dispatch();
            }, next.ms);
          }
          break;
        } else break;
      }
      const running = [...slots.values()].some((s) => s.cell);
      if (queue.size === 0 && !running) {
        for (const slot of slots.values()) send(slot, { type: 'exit' });
      }
    };

    const spawn = (id: number) => {
      const proc = o.spawn();
      const slot: Slot = { id, proc, ready: false, cell: undefined };
      slots.set(id, slot);
      proc.onMessage((message) => {
        if (!isFromWorker(message)) return;
        if (message.type === 'ready') {
          slot.ready = true;
          failedStarts = 0;
          dispatch();
          return;
        }
        const cell = slot.cell;
        if (!cell || cell.index !== message.index) return; // a stale message of a cell it no longer runs
        if (message.type === 'progress') o.view.progress(cell, slot.id, message.progress);
        else if (message.type === 'message') o.view.message(`${cell.level} seed ${cell.seed}: ${message.text}`);
        else {
          slot.cell = undefined;
          const { result } = message;
          if (result.status === 'busy') {
            queue.busy(cell, Date.now());
          } else if (result.status === 'interrupted' && !stopping) {
            // stopped by someone else's signal to this worker: it exits; the cell runs again
            if (!queue.died(cell)) outcomes.push({ cell, result });
          } else {
            outcomes.push({ cell, result });
          }
          o.view.finished(cell, slot.id, result);
          dispatch();
        }
      });
      proc.onExit((code, signal) => {
        slots.delete(id);
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        if (!slot.ready) failedStarts += 1;
        if (slot.cell) {
          const cell = slot.cell;
          if (stopping) {
            o.view.message(
              `worker ${id} (pid ${proc.pid}) ended (${how}) before handing back ${cell.level} seed ${cell.seed}; the next sweep takes it over`,
            );
          } else if (queue.died(cell)) {
            o.view.message(
              `worker ${id} (pid ${proc.pid}) died (${how}) running ${cell.level} seed ${cell.seed}; its run is taken over by the next worker`,
            );
          } else {
            const error = `its worker died ${queue.deathsOf(cell)} times (last: pid ${proc.pid}, ${how})`;
            const result: SweepCellResult = { status: 'lost', runId: cell.runId, error, seconds: 0 };
            outcomes.push({ cell, result });
            o.view.finished(cell, id, result);
          }
        }
        if (failedStarts >= MAX_FAILED_STARTS && !failure) {
          failure = new SweepError(
            `runCells: ${failedStarts} workers in a row exited before they started (last: ${how}); see their errors above`,
          );
          stopAll('failure');
        }
        const work = queue.size > 0 || [...slots.values()].some((s) => s.cell);
        if (!stopping && work && slots.size < want) spawn(id);
        dispatch();
        finishIfIdle();
      });
    };

    if (o.signal.aborted) {
      resolve({ outcomes, interrupted: true });
      return;
    }
    o.signal.addEventListener('abort', onAbort, { once: true });
    for (let id = 1; id <= want; id++) spawn(id);
    finishIfIdle(); // no cells at all
  });
}
