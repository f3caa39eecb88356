/**
 * `cxr db status` and `cxr db runs`: what is in the results store; `cxr db release RUN` hands a
 * running run back as pending. All take `--db PATH` (else $CXR_DB, else ./results.db) and
 * `--json`. A missing database is reported, not created, so a mistyped path leaves no stray file; a
 * file that is not SQLite is refused and left untouched.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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

interface DbArgs {
  db?: string;
  json: boolean;
}

/** `cxr db status --json` when there is no database yet. */
export interface MissingDbStatus extends Omit<StoreStatus, 'schemaVersion'> {
  exists: false;
  schemaVersion: null;
}

const dbOption = {
  type: 'string',
  describe: 'Results database (default: $CXR_DB, else results.db in the current directory)',
} as const;
const jsonOption = { type: 'boolean', default: false, describe: 'Print machine-readable JSON' } as const;

function dbPath(a: DbArgs): string {
  return a.db === undefined ? defaultResultsPath() : resolve(a.db);
}

/** Runs `body` on the opened store, or returns undefined (store never created) when the file is missing. */
function withStore<T>(path: string, body: (store: ReturnType<typeof openResultsStore>) => T): T | undefined {
  if (!existsSync(path)) return undefined;
  const store = openResultsStore({ path });
  try {
    return body(store);
  } finally {
    store.close();
  }
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

/** Human form of `cxr db runs`: one row per run, one column per metric of `split`. */
export function renderRuns(runs: RunRow[], split: string): string {
  if (runs.length === 0) return 'no runs';
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics[split] ?? {})))].sort();
  const header = ['id', 'experiment', 'config', 'seed', 'status', 'tries', 'dataset', ...names.map((n) => `${split}.${n}`)];
  const body = runs.map((r) => [
    String(r.id),
    r.experiment,
    r.label,
    String(r.seed),
    r.status,
    String(r.attempts),
    r.datasetFingerprint,
    ...names.map((n) => {
      const v = r.metrics[split]?.[n];
      return v === undefined ? '-' : v.toFixed(4);
    }),
  ]);
  return formatTable([header, ...body]);
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
        .option('json', jsonOption),
    handler: (argv) => {
      const a = argv as unknown as DbArgs & { experiment?: string; status?: RunStatus; split: string };
      const path = dbPath(a);
      const list = withStore(path, (store) => store.listRuns({ experiment: a.experiment, status: a.status }));
      if (a.json) console.log(JSON.stringify(list ?? [], null, 2));
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
      const holder = withStore(path, (store) => {
        try {
          return store.releaseRunById(a.run);
        } catch (error) {
          if (!(error instanceof ResultsStateError)) throw error;
          const run = store.getRun(a.run);
          throw new Error(`db release: run ${a.run} is ${run.status}, not running; only a running run can be handed back`);
        }
      });
      if (!holder) throw new Error(`db release: no results database at ${path}`);
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
