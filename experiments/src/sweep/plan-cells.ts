/**
 * What a sweep would do, read from results.db without writing: each cell's run (matched by the
 * run identity - config hash, seed, dataset fingerprint - whichever experiment registered it, since
 * a config shared by two tables trains once), its status, and an estimated time from the done runs
 * of the same level. `cxr sweep --dry-run` and `cxr sweep status` print it.
 */
import { formatHolder, type ResultsStore, type RunRow, type RunStatus } from '@cxr/results';
import type { ResolvedCell } from '../experiments/resolve-experiment.ts';

/** A cell's state: its run's status, or 'not registered' (no run yet, or its dataset not generated yet). */
export type PlannedStatus = RunStatus | 'not registered';

export interface PlannedCell {
  index: number;
  level: string;
  seed: number;
  configHash: string;
  runId: number | null;
  status: PlannedStatus;
  attempts: number;
  /** Who holds a running run, as formatHolder says it. */
  holder: string | null;
  /** A failed run's error (first line). */
  error: string | null;
  /** A done run: how long its last attempt took (s). */
  seconds: number | null;
  /** Seconds a run of this cell should take: the median of the level's done runs; 0 when done; null when unknown. */
  estimateSeconds: number | null;
}

/**
 * Plans `cells` against `store` (undefined: no database yet, every cell 'not registered').
 *
 * @example planCells(resolved.cells, store, fingerprints)[0] // { level: '0 %', seed: 1, status: 'done', runId: 3, estimateSeconds: 0, ... }
 */
export function planCells(
  cells: readonly ResolvedCell[],
  store: ResultsStore | undefined,
  fingerprints: ReadonlyMap<number, string | null>,
): PlannedCell[] {
  const runs = store ? store.listRuns() : [];
  const byIdentity = new Map<string, RunRow>();
  const durations = new Map<string, number[]>();
  for (const run of runs) {
    byIdentity.set(identity(run.configHash, run.seed, run.datasetFingerprint), run);
    const s = runSeconds(run);
    if (s !== null) durations.set(run.configHash, [...(durations.get(run.configHash) ?? []), s]);
  }
  return cells.map((cell) => {
    const fingerprint = fingerprints.get(cell.index) ?? null;
    const run = fingerprint === null ? undefined : byIdentity.get(identity(cell.configHash, cell.seed, fingerprint));
    const level = durations.get(cell.configHash);
    const status: PlannedStatus = run?.status ?? 'not registered';
    const holder = run?.status === 'running' ? store!.runHolder(run.id) : null;
    return {
      index: cell.index,
      level: cell.level,
      seed: cell.seed,
      configHash: cell.configHash,
      runId: run?.id ?? null,
      status,
      attempts: run?.attempts ?? 0,
      holder: holder ? formatHolder(holder) : null,
      error: run?.error ? firstLine(run.error) : null,
      seconds: run ? runSeconds(run) : null,
      estimateSeconds: status === 'done' ? 0 : level ? median(level) : null,
    };
  });
}

/** Seconds a done run's last attempt took (null unless done with both times). */
export function runSeconds(run: Pick<RunRow, 'status' | 'startedAt' | 'endedAt'>): number | null {
  if (run.status !== 'done' || run.startedAt === null || run.endedAt === null) return null;
  return Math.max(0, run.endedAt - run.startedAt) / 1000;
}

function identity(configHash: string, seed: number, fingerprint: string): string {
  return `${configHash}\u0000${seed}\u0000${fingerprint}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
