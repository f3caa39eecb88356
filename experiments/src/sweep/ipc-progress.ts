/**
 * A run's ProgressReporter inside a sweep worker: instead of drawing, it sends the cell's epoch,
 * batch and images/s to the parent (at most every `everyMs`, and at each epoch's start and end),
 * and forwards the run's messages ('resuming after epoch 2', 'taking over from ...').
 */
import type { ProgressReporter } from '@cxr/train';
import type { CellProgress } from './worker-protocol.ts';

/** Where the reporter sends: the worker's IPC channel in the CLI, an array in tests. */
export interface ProgressPort {
  progress(p: CellProgress): void;
  message(text: string): void;
}

/**
 * @example const progress = ipcProgress({ progress: (p) => send({ type: 'progress', index, progress: p }), message: ... })
 */
export function ipcProgress(port: ProgressPort, everyMs = 500, now: () => number = () => performance.now()): ProgressReporter {
  let epoch = 0;
  let epochs = 0;
  let steps = 0;
  let started = 0;
  let images = 0;
  let lastSent = Number.NEGATIVE_INFINITY;
  const rate = (t: number) => (t > started && images > 0 ? (images * 1000) / (t - started) : 0);
  return {
    epochStart(e, total, s) {
      [epoch, epochs, steps, started, images] = [e, total, s, now(), 0];
      lastSent = started;
      port.progress({ epoch, epochs, step: 0, steps, imagesPerSecond: 0 });
    },
    batch(step, s, n) {
      images += n;
      const t = now();
      if (t - lastSent < everyMs) return;
      lastSent = t;
      port.progress({ epoch, epochs, step, steps: s, imagesPerSecond: rate(t) });
    },
    epochEnd(e) {
      port.progress({ epoch: e, epochs, step: steps, steps, imagesPerSecond: rate(now()) });
    },
    message(text) {
      port.message(text);
    },
  };
}
