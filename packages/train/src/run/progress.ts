/**
 * Progress of a long run: on a terminal one line rewritten in place (epoch, batch, images/s,
 * ETA, last validation AUC); elsewhere (CI, pipes) one plain line per epoch. Writes to the
 * stream it is given (stderr in the CLI, so `--json` output on stdout stays clean).
 */
export interface ProgressReporter {
  epochStart(epoch: number, epochs: number, steps: number): void;
  batch(step: number, steps: number, images: number): void;
  epochEnd(epoch: number, line: string): void;
  message(text: string): void;
}

interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** A reporter that says nothing (tests, library use). */
export const silentProgress: ProgressReporter = { epochStart() {}, batch() {}, epochEnd() {}, message() {} };

/**
 * Creates a reporter over `sink`. `now` is injectable so the rate and ETA arithmetic can be tested.
 *
 * @example createProgress(process.stderr).message('training smoke, seed 1')
 */
export function createProgress(sink: Sink, now: () => number = () => performance.now()): ProgressReporter {
  const tty = sink.isTTY === true;
  let epoch = 0;
  let epochs = 0;
  let started = 0;
  let images = 0;
  let lastAuc = '';
  let lastDraw = 0;
  return {
    epochStart(e, total) {
      epoch = e;
      epochs = total;
      started = now();
      images = 0;
    },
    batch(step, steps, n) {
      images += n;
      if (!tty) return;
      const t = now();
      if (t - lastDraw < 100 && step < steps) return;
      lastDraw = t;
      const elapsed = (t - started) / 1000;
      const rate = elapsed > 0 ? images / elapsed : 0;
      const eta = step > 0 ? (elapsed / step) * (steps - step) : 0;
      sink.write(`\r\x1b[2Kepoch ${epoch}/${epochs} batch ${step}/${steps} ${rate.toFixed(1)} img/s ETA ${formatSeconds(eta)}${lastAuc}`);
    },
    epochEnd(e, line) {
      const auc = /val_auc (\S+)/.exec(line);
      if (auc) lastAuc = ` last val AUC ${auc[1]}`;
      const elapsed = (now() - started) / 1000;
      const rate = elapsed > 0 ? images / elapsed : 0;
      sink.write(`${tty ? '\r\x1b[2K' : ''}epoch ${e}/${epochs} ${line} ${rate.toFixed(1)} img/s ${formatSeconds(elapsed)}\n`);
    },
    message(text) {
      sink.write(`${tty ? '\r\x1b[2K' : ''}${text}\n`);
    },
  };
}

/** "1h02m", "3m05s", "12s". */
export function formatSeconds(s: number): string {
  const total = Math.max(0, Math.round(s));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
