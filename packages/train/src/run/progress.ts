/**
 * Progress of a long run: on a terminal one line rewritten in place (epoch, batch i/N, images/s,
 * the epoch's ETA, the run's ETA, last validation AUC); elsewhere (CI, pipes) one plain line per
 * epoch, with the run's ETA. Writes to the stream it is given (stderr in the CLI, so `--json`
 * output on stdout stays clean).
 */
export interface ProgressReporter {
  /**
   * An epoch (1-based) of `epochs` starts; `steps` = its batches, known before it starts (0 =
   * unknown). `run.mayStopEarly`: early stopping is on, so the run's ETA is an upper bound.
   */
  epochStart(epoch: number, epochs: number, steps: number, run?: { mayStopEarly: boolean }): void;
  batch(step: number, steps: number, images: number): void;
  epochEnd(epoch: number, line: string): void;
  message(text: string): void;
}

interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Terminal width; the in-place line is kept shorter so it never wraps. */
  columns?: number;
}

/** A reporter that says nothing (tests, library use). */
export const silentProgress: ProgressReporter = { epochStart() {}, batch() {}, epochEnd() {}, message() {} };

/**
 * Seconds the rest of a run should take: the median of the epochs measured so far (in this
 * process: epochs restored from a checkpoint were not timed here and do not count) times the
 * epochs left after the current one, plus what is left of the current one. Without a measured
 * epoch, `currentEpochSeconds` (the current epoch projected from its batches) stands in for the
 * median; null when nothing is known yet.
 *
 * @example runEtaSeconds({ measured: [10, 12, 30], epochsAfterCurrent: 5, currentLeft: 4 }) // 64 = 12 * 5 + 4
 */
export function runEtaSeconds(o: {
  measured: readonly number[];
  epochsAfterCurrent: number;
  currentLeft?: number;
  currentEpochSeconds?: number;
}): number | null {
  const perEpoch = o.measured.length ? median(o.measured) : o.currentEpochSeconds;
  if (perEpoch === undefined || !Number.isFinite(perEpoch)) return null;
  return perEpoch * Math.max(0, o.epochsAfterCurrent) + Math.max(0, o.currentLeft ?? 0);
}

/**
 * The run-ETA phrase: "run ETA 4 min 10 s", or with early stopping on (the run may end sooner)
 * "run ETA <= 4 min 10 s (early stopping may end it sooner)"; `short` drops the parenthesis.
 *
 * @example formatRunEta(250, true) // 'run ETA <= 4 min 10 s (early stopping may end it sooner)'
 */
export function formatRunEta(seconds: number, mayStopEarly: boolean, short = false): string {
  if (!mayStopEarly) return `run ETA ${formatSeconds(seconds)}`;
  return `run ETA <= ${formatSeconds(seconds)}${short ? '' : ' (early stopping may end it sooner)'}`;
}

/**
 * Creates a reporter over `sink`. `now` (ms) is injectable so the rate and ETA arithmetic can be
 * tested. Epoch times run from epochStart to epochEnd (training and validation).
 *
 * @example createProgress(process.stderr).message('training smoke, seed 1')
 */
export function createProgress(sink: Sink, now: () => number = () => performance.now()): ProgressReporter {
  const tty = sink.isTTY === true;
  let epoch = 0;
  let epochs = 0;
  let mayStopEarly = false;
  let started = 0;
  let images = 0;
  let lastAuc = '';
  let lastDraw = Number.NEGATIVE_INFINITY;
  const measured: number[] = [];
  return {
    epochStart(e, total, _steps, run) {
      // Another run on the same reporter (a sweep pretrains one backbone after another): its ETA
      // must not use the last run's epoch times.
      if (e <= epoch || total !== epochs) {
        measured.length = 0;
        lastAuc = '';
      }
      epoch = e;
      epochs = total;
      mayStopEarly = run?.mayStopEarly ?? false;
      started = now();
      images = 0;
    },
    batch(step, steps, n) {
      images += n;
      if (!tty) return;
      const t = now();
      if (t - lastDraw < 100 && (steps === 0 || step < steps)) return;
      lastDraw = t;
      const elapsed = (t - started) / 1000;
      const rate = elapsed > 0 ? images / elapsed : 0;
      const known = steps > 0;
      const epochLeft = known && step > 0 ? (elapsed / step) * (steps - step) : undefined;
      const eta = runEtaSeconds({
        measured,
        epochsAfterCurrent: epochs - epoch,
        currentLeft: epochLeft ?? (measured.length ? median(measured) - elapsed : 0),
        ...(known && step > 0 ? { currentEpochSeconds: (elapsed / step) * steps } : {}),
      });
      const head = `epoch ${epoch}/${epochs} batch ${step}${known ? `/${steps}` : ''} ${rate.toFixed(1)} img/s`;
      const parts = (short: boolean) =>
        [
          head + (epochLeft !== undefined ? ` epoch ETA ${formatSeconds(epochLeft)}` : ''),
          ...(eta !== null && epochs > epoch ? [formatRunEta(eta, mayStopEarly, short)] : []),
          ...(lastAuc ? [lastAuc] : []),
        ].join(', ');
      let text = parts(false);
      const width = sink.columns ? sink.columns - 1 : Number.POSITIVE_INFINITY;
      if (text.length > width) text = parts(true);
      if (text.length > width) text = text.slice(0, width);
      sink.write(`\r\x1b[2K${text}`);
    },
    epochEnd(e, line) {
      const auc = /val_auc (\S+)/.exec(line);
      if (auc) lastAuc = `last val AUC ${auc[1]}`;
      const elapsed = (now() - started) / 1000;
      measured.push(elapsed);
      const rate = elapsed > 0 ? images / elapsed : 0;
      const eta = e < epochs ? runEtaSeconds({ measured, epochsAfterCurrent: epochs - e }) : null;
      const run = eta === null ? '' : `, ${formatRunEta(eta, mayStopEarly)}`;
      sink.write(`${tty ? '\r\x1b[2K' : ''}epoch ${e}/${epochs} ${line} ${rate.toFixed(1)} img/s ${formatSeconds(elapsed)}${run}\n`);
    },
    message(text) {
      sink.write(`${tty ? '\r\x1b[2K' : ''}${text}\n`);
    },
  };
}

/** "1 h 2 min", "4 min 10 s", "12 s" (whole seconds), "0.4 s" (below one second). */
export function formatSeconds(s: number): string {
  if (s < 0.95) return `${Math.max(0, s).toFixed(1)} s`;
  const total = Math.max(0, Math.round(s));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return sec ? `${m} min ${sec} s` : `${m} min`;
  return `${sec} s`;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
