/**
 * The loop of a sweep worker process: says 'ready', then runs each cell the parent sends, one at a
 * time, reporting progress and one result per cell. It ends on 'exit', on 'stop' (the current cell
 * handed back as pending first) or when `interrupt` aborts (a signal, or the parent gone: the CLI
 * turns the IPC 'disconnect' into SIGTERM), and never takes another cell after an interruption.
 */
import { runWorkerCell, type WorkerContext } from './run-worker-cell.ts';
import { isToWorker, type FromWorker, type ToWorker } from './worker-protocol.ts';

/** The worker's end of the IPC channel (process.send / process.on('message') in the CLI). */
export interface WorkerChannel {
  send(message: FromWorker): void;
  onMessage(listener: (message: unknown) => void): void;
}

/**
 * Serves cells until told to stop; resolves when the worker should exit.
 *
 * @example await serveSweepWorker({ send: (m) => process.send?.(m), onMessage: (l) => process.on('message', l) }, ctx, interrupts.signal)
 */
export async function serveSweepWorker(channel: WorkerChannel, ctx: WorkerContext, interrupt: AbortSignal): Promise<void> {
  const stop = new AbortController();
  const inbox: ToWorker[] = [];
  let wake: (() => void) | undefined;
  const poke = () => {
    wake?.();
    wake = undefined;
  };
  channel.onMessage((message) => {
    if (!isToWorker(message)) return; // not ours: ignore rather than guess
    if (message.type === 'stop') stop.abort(message.reason);
    inbox.push(message);
    poke();
  });
  interrupt.addEventListener('abort', poke, { once: true });
  const signal = AbortSignal.any([interrupt, stop.signal]);
  channel.send({ type: 'ready' });
  for (;;) {
    if (signal.aborted) return;
    const next = inbox.shift();
    if (!next) {
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    if (next.type !== 'run') return;
    const { cell } = next;
    const result = await runWorkerCell(ctx, cell, signal, {
      progress: (progress) => channel.send({ type: 'progress', index: cell.index, progress }),
      message: (text) => channel.send({ type: 'message', index: cell.index, text }),
    });
    channel.send({ type: 'result', index: cell.index, result });
    if (result.status === 'interrupted') return;
  }
}
