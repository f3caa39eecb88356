/**
 * `cxr db status` and `cxr db runs`: what is in the results store; `cxr db release RUN` hands a
 * running run back as pending. All take `--db PATH` (else $CXR_DB, else ./results.db) and
 * `--json`. A missing database is reported, not created, so a mistyped path leaves no stray file; a
 * file that is not SQLite is refused and left untouched.
 * Read commands open the database read-only (never migrated, never written: a read-only file or
 * folder is fine); the other `db` commands live in db-*.ts next to this file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { toCsv } from '@cxr/core';
import {
  RUN_STATUSES,
  ResultsStateError,
  defaultResultsPath,
  formatHolder,
  openResultsStore,
  type RunRow,
  type RunStatus,
  type StoreStatus,
} from '@cxr/results';
import type { CliCommand } from '../command-types.ts';
import { formatAge, formatDate, formatSeconds, heartbeatAgeMs, runDurationMs } from '../db-format.ts';

export interface DbArgs {
  db?: string;
  json: boolean;
}

/** `cxr db status --json` when there is no database yet. */
export interface MissingDbStatus extends Omit<StoreStatus, 'schemaVersion'> {
  exists: false;
  schemaVersion: null;
}

export const dbOption = {
  type: 'string',
  describe: 'Results database (default: $CXR_DB, else results.db in the current directory)',
} as const;
export const jsonOption = { type: 'boolean', default: false, describe: 'Print machine-readable JSON' } as const;

export function dbPath(a: DbArgs): string {
  return a.db === undefined ? defaultResultsPath() : resolve(a.db);
}

/**
 * Runs `body` on the store opened read-only (nothing is written, no migration runs), or returns
 * undefined (store never created) when the file is missing.
 */
export function withStore<T>(path: string, body: (store: ReturnType<typeof openResultsStore>) => T): T | undefined {
  if (!existsSync(path)) return undefined;
  const store = openResultsStore({ path, readonly: true });
  try {
    return body(store);
  } finally {
    store.close();
  }
}

/** Runs `body` on the store opened for writing (migrated if older); a missing file is an error, never created. */
export function withWritableStore<T>(path: string, body: (store: ReturnType<typeof openResultsStore>) => T): T {
  if (!existsSync(path)) throw noDatabase(path);
  const store = openResultsStore({ path });
  try {
    return body(store);
  } finally {
    store.close();
  }
}

/**
 * Parses a RUN argument (a run id) strictly: `4` yes, `4x`, `0` or `-1` no.
 *
 * @throws Error naming the command and what it received.
 */
export function parseRunId(command: string, raw: unknown): number {
  const id = typeof raw === 'number' ? raw : /^\d+$/.test(String(raw)) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1)
    throw new Error(`cxr db ${command}: RUN must be a run id (an integer >= 1), received ${JSON.stringify(raw)}`);
  return id;
}

/** Throws a clear error naming the run id and the database when `runId` is not in it. */
export function requireRunIn(store: ReturnType<typeof openResultsStore>, runId: number): void {
  if (!store.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId)) {
    throw new Error(`no run ${runId} in ${store.path} (cxr db runs --db ${store.path} lists its runs)`);
  }
}

/** The error for a command that needs an existing database. */
export function noDatabase(path: string): Error {
  return new Error(`no results database at ${path} (the first cxr train creates it; pass --db PATH or set CXR_DB)`);
}

/** Left-aligned text columns, two spaces apart, trailing spaces trimmed. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Human form of `cxr db status`. */
export function renderStatus(s: StoreStatus | MissingDbStatus): string {
  if ('exists' in s) return `no results database at ${s.path} yet (the first run creates it)`;
  const total = RUN_STATUSES.reduce((n, k) => n + s.runs[k], 0);
  return formatTable([
    ['database', s.path],
    ['schema', String(s.schemaVersion)],
    ['experiments', String(s.experiments)],
    ['configs', String(s.configs)],
    ['runs', `${total} (${RUN_STATUSES.map((k) => `${k} ${s.runs[k]}`).join(', ')})`],
  ]);
}

/** Metric names of `split` any of the runs has, sorted. */
function metricNames(runs: RunRow[], split: string): string[] {
  return [...new Set(runs.flatMap((r) => Object.keys(r.metrics[split] ?? {})))].sort();
}

/**
 * Human form of `cxr db runs`: one row per run with its start, finish, duration (so far, while it
 * runs) and heartbeat age (running runs), then one column per metric of `split`.
 */
export function renderRuns(runs: RunRow[], split: string, now: number = Date.now()): string {
  if (runs.length === 0) return 'no runs';
  const names = metricNames(runs, split);
  const header = ['id', 'experiment', 'config', 'seed', 'status', 'tries', 'dataset', 'started', 'finished', 'duration', 'heartbeat'];
  header.push(...names.map((n) => `${split}.${n}`));
  const body = runs.map((r) => [
    String(r.id),
    r.experiment,
    r.label,
    String(r.seed),
    r.status,
    String(r.attempts),
    r.datasetFingerprint,
    formatDate(r.startedAt),
    formatDate(r.endedAt),
    formatSeconds(toSeconds(runDurationMs(r, now))),
    formatAge(heartbeatAgeMs(r, now)),
    ...names.map((n) => {
      const v = r.metrics[split]?.[n];
      return v === undefined ? '-' : v.toFixed(4);
    }),
  ]);
  return formatTable([header, ...body]);
}

/**
 * `cxr db runs --csv`: RFC 4180 CSV with a header; dates ISO 8601 (UTC), durations and ages in
 * seconds, metrics at full precision, empty fields where there is no value.
 */
export function runsCsv(runs: RunRow[], split: string, now: number = Date.now()): string {
  const names = metricNames(runs, split);
  const iso = (t: number | null) => (t === null || t === undefined ? null : new Date(t).toISOString());
  const header = ['id', 'experiment', 'config', 'seed', 'status', 'tries', 'dataset', 'config_hash', 'created', 'started', 'finished'];
  header.push('duration_s', 'heartbeat_age_s', ...names.map((n) => `${split}.${n}`));
  const body = runs.map((r) => [
    r.id,
    r.experiment,
    r.label,
    r.seed,
    r.status,
    r.attempts,
    r.datasetFingerprint,
    r.configHash,
    iso(r.createdAt),
    iso(r.startedAt),
    iso(r.endedAt),
    toSeconds(runDurationMs(r, now)),
    toSeconds(heartbeatAgeMs(r, now)),
    ...names.map((n) => r.metrics[split]?.[n]),
  ]);
  return toCsv([header, ...body]);
}

function toSeconds(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}

const status: CliCommand = {
  group: 'db',
  module: {
    command: 'status',
    describe: 'Schema version and counts of experiments, configs and runs by status',
    builder: (y) => y.option('db', dbOption).option('json', jsonOption),
    handler: (argv) => {
      const a = argv as unknown as DbArgs;
      const path = dbPath(a);
      const found = withStore(path, (store) => store.status());
      const s: StoreStatus | MissingDbStatus = found ?? {
        path,
        exists: false,
        schemaVersion: null,
        experiments: 0,
        configs: 0,
        runs: Object.fromEntries(RUN_STATUSES.map((k) => [k, 0])) as Record<RunStatus, number>,
      };
      console.log(a.json ? JSON.stringify(found ? { ...found, exists: true } : s, null, 2) : renderStatus(s));
    },
  },
};

const runs: CliCommand = {
  group: 'db',
  module: {
    command: 'runs',
    describe: 'One row per run: config label, seed, status and final metrics',
    builder: (y) =>
      y
        .option('experiment', { type: 'string', describe: 'Only runs of this experiment (labels come from it)' })
        .option('status', { type: 'string', choices: RUN_STATUSES, describe: 'Only runs with this status' })
        .option('split', { type: 'string', default: 'test', describe: "Which split's metrics the table shows" })
        .option('db', dbOption)
        .option('json', jsonOption)
        .option('csv', { type: 'boolean', default: false, describe: 'Print RFC 4180 CSV with a header (dates ISO 8601, durations in s)' }),
    handler: (argv) => {
      const a = argv as unknown as DbArgs & { experiment?: string; status?: RunStatus; split: string; csv: boolean };
      if (a.json && a.csv) throw new Error('cxr db runs: give --json or --csv, not both');
      const path = dbPath(a);
      const list = withStore(path, (store) => store.listRuns({ experiment: a.experiment, status: a.status }));
      if (a.json) console.log(JSON.stringify(list ?? [], null, 2));
      else if (a.csv) process.stdout.write(runsCsv(list ?? [], a.split));
      else console.log(list ? renderRuns(list, a.split) : `no results database at ${path} yet (the first run creates it)`);
    },
  },
};

// --- `cxr db release` (issue 13) ---
const release: CliCommand = {
  group: 'db',
  module: {
    command: 'release <run>',
    describe: 'Hand a running run back as pending (its holder on another host is dead); its holder can no longer write to it',
    builder: (y) =>
      y.positional('run', { type: 'number', describe: 'Run id (see cxr db runs)' }).option('db', dbOption).option('json', jsonOption),
    handler: (argv) => {
      const a = argv as unknown as DbArgs & { run: number };
      if (!Number.isInteger(a.run) || a.run < 1) throw new Error(`db release: RUN must be a run id (an integer >= 1), received ${a.run}`);
      const path = dbPath(a);
      const holder = withWritableStore(path, (store) => {
        try {
          return store.releaseRunById(a.run);
        } catch (error) {
          if (!(error instanceof ResultsStateError)) throw error;
          const run = store.getRun(a.run);
          throw new Error(`db release: run ${a.run} is ${run.status}, not running; only a running run can be handed back`);
        }
      });
      if (a.json) console.log(JSON.stringify({ runId: a.run, status: 'pending', previous: holder }, null, 2));
      else
        console.log(
          `run ${a.run} handed back as pending (it was held by ${formatHolder(holder)}); 'cxr train' with its config claims it again`,
        );
    },
  },
};
// --- end cxr db release ---

export default [status, runs, release];
