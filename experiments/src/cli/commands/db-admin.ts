/**
 * Commands that change results.db outside a run: `cxr db retry RUN` (a failed run back to
 * pending), `cxr db delete RUN [--yes]` (the run and all its rows) and `cxr db migrate` (bring an
 * older file to this code's schema, which read commands never do). None creates a database.
 */
import { existsSync, closeSync, openSync, readSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { ResultsStateError, openResultsStore, type DeletedRun } from '@cxr/results';
import { runModelDir } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { dbOption, dbPath, noDatabase, parseRunId, requireRunIn, withWritableStore, type DbArgs } from './db.ts';

/** `deleted run 4 (done): 2 epochs, 3 metrics, 20 label metrics, 2 predictions, 1 problem` */
export function renderDeleted(d: DeletedRun): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const r = d.rows;
  return `deleted run ${d.runId} (${d.status}): ${n(r.epochs, 'epoch')}, ${n(r.metrics, 'metric')}, ${n(r.label_metrics, 'label metric')}, ${n(r.predictions, 'prediction set')}, ${n(r.problems, 'problem')}`;
}

/** How `cxr db delete` asks: whether stdin is a terminal, and a question answered with one line. */
export interface ConfirmIo {
  isTTY: boolean;
  ask(question: string): Promise<string>;
}

const terminal: ConfirmIo = {
  isTTY: Boolean(process.stdin.isTTY),
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

/**
 * `cxr db delete`: with `yes` deletes at once; on a terminal asks `[y/N]` (only y or yes deletes);
 * without a terminal refuses, saying to pass --yes. The run's saved model folder (runModelDir) is
 * removed with it. Returns the line to print.
 *
 * @throws Error for a missing database or run, a running run without --force, or no terminal and no --yes.
 */
export async function deleteCommand(
  a: { path: string; runId: number; yes: boolean; force: boolean },
  io: ConfirmIo = terminal,
): Promise<string> {
  if (!existsSync(a.path)) throw noDatabase(a.path);
  const store = openResultsStore({ path: a.path });
  try {
    requireRunIn(store, a.runId);
    const run = store.getRun(a.runId);
    if (run.status === 'running' && !a.force) {
      throw new Error(
        `cxr db delete: run ${a.runId} is running (host ${run.host ?? '?'}, pid ${run.pid ?? '?'}); stop it first, or pass --force`,
      );
    }
    if (!a.yes) {
      if (!io.isTTY) {
        throw new Error(
          `cxr db delete: refusing to delete run ${a.runId} without confirmation (stdin is not a terminal); pass --yes to delete it`,
        );
      }
      const what = `run ${run.id} (${run.experiment} / ${run.label}, seed ${run.seed}, ${run.status}) from ${store.path}`;
      const answer = (await io.ask(`Delete ${what} with its epochs, metrics, predictions and problems? [y/N] `)).trim().toLowerCase();
      if (answer !== 'y' && answer !== 'yes') return `kept run ${a.runId}`;
    }
    const deleted = renderDeleted(store.deleteRun(a.runId, { force: a.force }));
    // the run's kept best weights go with it (a later run given the same id must not find them)
    const modelDir = runModelDir(store, a.runId);
    if (!existsSync(modelDir)) return deleted;
    rmSync(modelDir, { recursive: true, force: true });
    return `${deleted}; its saved model ${modelDir} removed`;
  } finally {
    store.close();
  }
}

const retry: CliCommand = {
  group: 'db',
  module: {
    command: 'retry <run>',
    describe: 'Put a failed run back to pending, so the next train or sweep of it starts it again',
    builder: (y) => y.positional('run', { type: 'string', describe: 'Run id (see cxr db runs --status failed)' }).option('db', dbOption),
    handler: (argv) => {
      const a = argv as unknown as DbArgs & { run: string };
      const runId = parseRunId('retry', a.run);
      withWritableStore(dbPath(a), (store) => {
        requireRunIn(store, runId);
        try {
          store.retryRun(runId);
        } catch (error) {
          if (!(error instanceof ResultsStateError)) throw error;
          throw new Error(`cxr db retry: run ${runId} is ${store.getRun(runId).status}, not failed; only a failed run can be retried`);
        }
      });
      console.log(`run ${runId}: failed -> pending`);
    },
  },
};

const del: CliCommand = {
  group: 'db',
  module: {
    command: 'delete <run>',
    describe: 'Delete a run and all its rows (asks on a terminal; --yes to skip)',
    builder: (y) =>
      y
        .positional('run', { type: 'string', describe: 'Run id (see cxr db runs)' })
        .option('yes', { type: 'boolean', default: false, describe: 'Delete without asking (needed without a terminal)' })
        .option('force', { type: 'boolean', default: false, describe: 'Delete a running run too (its process fails at its next write)' })
        .option('db', dbOption),
    handler: async (argv) => {
      const a = argv as unknown as DbArgs & { run: string; yes: boolean; force: boolean };
      console.log(await deleteCommand({ path: dbPath(a), runId: parseRunId('delete', a.run), yes: a.yes, force: a.force }));
    },
  },
};

/** The schema version in a SQLite file's header (bytes 60-63, big-endian), read without opening it. */
function headerVersion(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    return readSync(fd, b, 0, 4, 60) === 4 ? b.readUInt32BE(0) : 0;
  } finally {
    closeSync(fd);
  }
}

const migrate: CliCommand = {
  group: 'db',
  module: {
    command: 'migrate',
    describe: "Bring a database to this code's schema (read commands never migrate)",
    builder: (y) => y.option('db', dbOption),
    handler: (argv) => {
      const path = dbPath(argv as unknown as DbArgs);
      if (!existsSync(path)) throw noDatabase(path);
      const before = headerVersion(path);
      const after = withWritableStore(path, (store) => store.schemaVersion());
      console.log(before === after ? `${path}: schema version ${after}, up to date` : `${path}: schema version ${before} -> ${after}`);
    },
  },
};

export default [retry, del, migrate];
