/**
 * `cxr db show RUN [--json]`: everything results.db holds about one run - identity, config, status
 * and times, the per-epoch table, final and per-label test metrics, the dataset's problems and
 * where the time went. Read-only.
 */
import type { EpochRow, LabelMetricRow, MetricRow, ProblemCount, ProblemRow, ResultsStore, RunRow } from '@cxr/results';
import type { CliCommand } from '../command-types.ts';
import { formatAge, formatDate, formatSeconds, heartbeatAgeMs, runDurationMs } from '../db-format.ts';
import { dbOption, dbPath, formatTable, jsonOption, noDatabase, parseRunId, requireRunIn, withStore, type DbArgs } from './db.ts';

/** How many problems the human form lists (--json lists all). */
export const SHOWN_PROBLEMS = 20;

/** What `cxr db show --json` prints. Times in ms since the epoch, durations in ms unless named `seconds`. */
export interface RunDetail {
  database: string;
  run: RunRow;
  config: unknown;
  durationMs: number | null;
  heartbeatAgeMs: number | null;
  epochs: EpochRow[];
  metrics: MetricRow[];
  labelMetrics: LabelMetricRow[];
  problems: { total: number; byKind: ProblemCount[]; list: ProblemRow[] };
  timings: {
    /** created -> started (the last attempt's start). */
    waitedMs: number | null;
    /** started -> finished, or so far while it runs. */
    wallMs: number | null;
    epochSeconds: number;
    meanEpochSeconds: number | null;
    /** wall minus the epochs: data, model, evaluation, writing results. */
    outsideEpochsSeconds: number | null;
  };
}

/**
 * Reads one run's detail from the store; `problemLimit` bounds the listed problems (the total and
 * the counts always cover all).
 *
 * @throws Error naming the run id and the database when the run does not exist.
 */
export function runDetail(store: ResultsStore, runId: number, now: number, problemLimit?: number): RunDetail {
  requireRunIn(store, runId);
  const run = store.getRun(runId);
  const epochs = store.getEpochs(runId);
  const byKind = store.problemCounts(runId);
  const total = byKind.reduce((n, c) => n + c.count, 0);
  const durationMs = runDurationMs(run, now);
  const epochSeconds = epochs.reduce((t, e) => t + e.seconds, 0);
  return {
    database: store.path,
    run,
    config: store.getConfig(run.configId),
    durationMs,
    heartbeatAgeMs: heartbeatAgeMs(run, now),
    epochs,
    metrics: store.getMetrics(runId),
    labelMetrics: store.getLabelMetrics(runId),
    problems: { total, byKind, list: store.getProblems(runId, problemLimit === undefined ? {} : { limit: problemLimit }) },
    timings: {
      waitedMs: run.startedAt === null ? null : Math.max(0, run.startedAt - run.createdAt),
      wallMs: durationMs,
      epochSeconds,
      meanEpochSeconds: epochs.length ? epochSeconds / epochs.length : null,
      outsideEpochsSeconds: durationMs === null ? null : Math.max(0, durationMs / 1000 - epochSeconds),
    },
  };
}

/** Metric names that are counts, printed as integers. */
const COUNT_NAME = /(^|_)(positives|negatives|count|n)$/;
const f4 = (v: number | undefined | null) => (v === undefined || v === null ? '-' : v.toFixed(4));
const rate = (v: number | undefined) => (v === undefined ? '-' : String(Number(v.toPrecision(3))));

/** Human form of `cxr db show`: sections separated by blank lines. */
export function renderRunDetail(d: RunDetail): string {
  const r = d.run;
  const ms = (v: number | null) => formatSeconds(v === null ? null : v / 1000);
  const head: string[][] = [
    ['database', d.database],
    ['experiment', r.experiment],
    ['config', `${r.label} (hash ${r.configHash.slice(0, 12)})`],
    ...(r.aliases.length ? [['also known as', r.aliases.join(', ')]] : []),
    ['status', r.status],
    ['seed', String(r.seed)],
    ['dataset', r.datasetFingerprint],
    ['backend', r.backend ?? '-'],
    ['tries', String(r.attempts)],
    ['created', formatDate(r.createdAt)],
    ['started', formatDate(r.startedAt)],
    ['finished', formatDate(r.endedAt)],
    ['duration', ms(d.durationMs)],
    ['heartbeat', formatAge(d.heartbeatAgeMs)],
  ];
  if (r.host !== null) head.push(['host', `${r.host}${r.pid !== null ? ` pid ${r.pid}` : ''}`]);
  if (r.error !== null) head.push(['error', r.error.split('\n')[0]!]);
  const out = [`run ${r.id}: ${r.experiment} / ${r.label}, seed ${r.seed}, ${r.status}\n${formatTable(head)}`];
  out.push(`config\n${JSON.stringify(d.config, null, 2)}`);

  if (d.epochs.length === 0) out.push('epochs\nnone recorded');
  else {
    const metricNames = [...new Set(d.epochs.flatMap((e) => Object.keys(e.metrics)))].sort();
    const rateNames = [...new Set(d.epochs.flatMap((e) => Object.keys(e.learningRates)))].sort();
    const header = [
      'epoch',
      'train loss',
      'val loss',
      ...metricNames.map((n) => `val.${n}`),
      ...rateNames.map((n) => `lr.${n}`),
      'seconds',
    ];
    const rows = d.epochs.map((e) => [
      String(e.epoch),
      f4(e.trainLoss),
      f4(e.valLoss),
      ...metricNames.map((n) => f4(e.metrics[n])),
      ...rateNames.map((n) => rate(e.learningRates[n])),
      e.seconds.toFixed(1),
    ]);
    out.push(`epochs\n${formatTable([header, ...rows])}`);
  }

  const test = d.metrics.filter((m) => m.split === 'test');
  const perLabel = d.labelMetrics.filter((m) => m.split === 'test');
  if (test.length === 0 && perLabel.length === 0) out.push('test metrics\nnone (the run is not done)');
  else {
    const parts: string[] = [];
    if (test.length) parts.push(formatTable(test.map((m) => [m.name, f4(m.value)])));
    if (perLabel.length) {
      const names = [...new Set(perLabel.map((m) => m.name))].sort();
      const labels = [...new Set(perLabel.map((m) => m.label))];
      const value = new Map(perLabel.map((m) => [`${m.label}\0${m.name}`, m.value]));
      // Counts (positives) print as integers, the others with 4 decimals.
      const whole = new Set(names.filter((n) => COUNT_NAME.test(n) && perLabel.every((m) => m.name !== n || Number.isInteger(m.value))));
      const cell = (l: string, n: string) => {
        const v = value.get(`${l}\0${n}`);
        return v !== undefined && whole.has(n) ? String(v) : f4(v);
      };
      parts.push(formatTable([['label', ...names], ...labels.map((l) => [l, ...names.map((n) => cell(l, n))])]));
    }
    out.push(`test metrics\n${parts.join('\n\n')}`);
  }

  const p = d.problems;
  if (p.total === 0) out.push('problems\nnone');
  else {
    const rows = p.list
      .slice(0, SHOWN_PROBLEMS)
      .map((x) => [
        x.kind ?? 'other',
        `${x.file}${x.line !== undefined ? `:${x.line}` : ''}${x.field !== undefined ? ` (${x.field})` : ''}`,
        x.message,
      ]);
    const more = p.total > rows.length ? `\n... and ${p.total - rows.length} more (--json lists all)` : '';
    out.push(`problems: ${p.total} (${p.byKind.map((c) => `${c.count} ${c.kind}`).join(', ')})\n${formatTable(rows)}${more}`);
  }

  const t = d.timings;
  const timing: string[][] = [
    ['waited', `${ms(t.waitedMs)} (created -> started)`],
    ['wall', `${ms(t.wallMs)} (started -> ${r.status === 'running' ? 'now' : 'finished'})`],
    ['epochs', `${formatSeconds(t.epochSeconds)} (${d.epochs.length} epochs, mean ${formatSeconds(t.meanEpochSeconds)})`],
    ['other', `${formatSeconds(t.outsideEpochsSeconds)} (data, model, evaluation, writing)`],
  ];
  out.push(`timings\n${formatTable(timing)}`);
  return out.join('\n\n');
}

const show: CliCommand = {
  group: 'db',
  module: {
    command: 'show <run>',
    describe: 'Everything about one run: config, status, epochs, test metrics, problems, timings',
    builder: (y) =>
      y.positional('run', { type: 'string', describe: 'Run id (see cxr db runs)' }).option('db', dbOption).option('json', jsonOption),
    handler: (argv) => {
      const a = argv as unknown as DbArgs & { run: string };
      const runId = parseRunId('show', a.run);
      const path = dbPath(a);
      const now = Date.now();
      const detail = withStore(path, (store) => runDetail(store, runId, now, a.json ? undefined : SHOWN_PROBLEMS));
      if (!detail) throw noDatabase(path);
      console.log(a.json ? JSON.stringify(detail, null, 2) : renderRunDetail(detail));
    },
  },
};

export default show;
