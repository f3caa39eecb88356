/**
 * The sweep's progress on stderr. On a terminal a live view redrawn in place: one line per worker
 * (level, seed, epoch e/E, batch, images/s) and a total line (cells done/total, elapsed, ETA from
 * the run times measured in this sweep), with the lines that matter (a finished or failed cell, a
 * dead worker) printed above it. Elsewhere (CI, pipes) plain lines: one per started and finished cell.
 */
import { formatSeconds } from '@cxr/train';
import type { SweepCellResult, SweepView } from './sweep-view-types.ts';
import type { CellProgress, WorkerCell } from './worker-protocol.ts';

interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface SweepViewOptions {
  /** Cells of the experiment in this sweep (the total of the total line). */
  total: number;
  /** Cells already done when it started. */
  done: number;
  workers: number;
  /** Injectable clock (ms) for tests. */
  now?: () => number;
}

/** The test macro AUC-ROC of a finished cell as the view and summary print it ('test macro AUC 0.6123'). */
export function aucPhrase(test: Record<string, number>): string {
  const auc = test['macro_auc_roc'];
  return auc === undefined ? 'no test macro AUC' : `test macro AUC ${auc.toFixed(4)}`;
}

/** One finished cell as a line (both views print it). */
export function finishedLine(cell: WorkerCell, result: SweepCellResult, done: number, total: number): string {
  const what = `${cell.level} seed ${cell.seed} (run ${result.runId})`;
  switch (result.status) {
    case 'done':
      return `done ${what}: ${aucPhrase(result.test)} in ${formatSeconds(result.seconds)}${result.resumedEpochs ? ` (resumed after epoch ${result.resumedEpochs})` : ''}; ${done}/${total} cells done`;
    case 'skipped':
      return `done ${what}: already done (${aucPhrase(result.test)}); ${done}/${total} cells done`;
    case 'busy':
      return `busy ${what}: held by another process${result.holder ? ` (pid ${result.holder.pid} on ${result.holder.host})` : ''}; retried after the others`;
    case 'failed':
      return `FAILED ${what}: ${result.error}`;
    case 'interrupted':
      return `stopped ${what}: handed back as pending after ${result.epochsDone} epoch${result.epochsDone === 1 ? '' : 's'}`;
    case 'lost':
      return `FAILED ${what}: ${result.error}`;
  }
}

/**
 * A view over `sink` (stderr): live when it is a terminal, plain lines otherwise.
 *
 * @example const view = createSweepView(process.stderr, { total: 18, done: 0, workers: 2 })
 */
export function createSweepView(sink: Sink, opts: SweepViewOptions): SweepView {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let done = opts.done;
  const measured: number[] = [];
  const write = (line: string) => sink.write(`${line}\n`);
  const count = (result: SweepCellResult) => {
    if (result.status === 'done' || result.status === 'skipped') done += 1;
    if (result.status === 'done') measured.push(result.seconds);
  };
  if (sink.isTTY !== true) {
    return {
      started: (cell, slot) => write(`[w${slot}] start ${cell.level} seed ${cell.seed} (run ${cell.runId})`),
      progress: () => {},
      finished: (cell, slot, result) => {
        count(result);
        write(`[w${slot}] ${finishedLine(cell, result, done, opts.total)}`);
      },
      message: write,
      close: () => {},
    };
  }
  const lines = new Map<number, string>();
  let drawn = 0;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const clear = () => {
    if (drawn) sink.write(`\x1b[${drawn}A\r\x1b[J`);
    drawn = 0;
  };
  const total = () => {
    const elapsed = (now() - started) / 1000;
    const left = opts.total - done;
    const eta =
      measured.length && left > 0
        ? `, ETA ${formatSeconds((median(measured) * left) / opts.workers)}`
        : left > 0
          ? ', ETA after the first cell'
          : '';
    return `cells ${done}/${opts.total} done, elapsed ${formatSeconds(elapsed)}${eta}`;
  };
  const draw = (force = false) => {
    const t = now();
    if (!force && t - lastDraw < 200) return;
    lastDraw = t;
    clear();
    const width = sink.columns ? sink.columns - 1 : Number.POSITIVE_INFINITY;
    const block = [...[...lines.entries()].sort(([a], [b]) => a - b).map(([slot, l]) => `[w${slot}] ${l}`), total()];
    sink.write(block.map((l) => `${l.slice(0, width)}\n`).join(''));
    drawn = block.length;
  };
  const above = (line: string) => {
    clear();
    write(line);
    draw(true);
  };
  return {
    started: (cell, slot) => {
      lines.set(slot, `${cell.level} seed ${cell.seed} (run ${cell.runId}) starting`);
      draw(true);
    },
    progress: (cell, slot, p: CellProgress) => {
      const batch = p.steps > 0 ? ` batch ${p.step}/${p.steps}` : '';
      lines.set(slot, `${cell.level} seed ${cell.seed} epoch ${p.epoch}/${p.epochs}${batch} ${p.imagesPerSecond.toFixed(1)} img/s`);
      draw();
    },
    finished: (cell, slot, result) => {
      count(result);
      lines.set(slot, 'idle');
      above(`[w${slot}] ${finishedLine(cell, result, done, opts.total)}`);
    },
    message: above,
    close: () => {
      draw(true);
    },
  };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
