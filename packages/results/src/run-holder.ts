/**
 * Who holds a running run, and whether that holder can still be alive: on this host (and pid
 * namespace) its process is checked by pid and start time (@cxr/core's isProcessRunning), so a crashed or
 * killed holder is replaced at once; on another host only its heartbeat tells, and the run waits
 * for the stale limit, `cxr train --take-over` or `cxr db release`.
 */
import { hostname } from 'node:os';
import { isProcessRunning, pidNamespace, processStartTicks } from '@cxr/core';
import type { StoreContext } from './context.ts';
import { ResultsNotFoundError, ResultsStateError } from './errors.ts';
import type { RunHolder, RunStatus } from './types.ts';
import { integer } from './validate.ts';

/** The columns of a run row that say who holds it. */
export interface HolderRow {
  status: RunStatus;
  claim_token: string | null;
  attempts: number;
  host: string | null;
  pid: number | null;
  pid_start: number | null;
  pid_namespace: string | null;
  heartbeat_at: number | null;
}

/** Host, pid, start time and pid namespace of this process: what a claim records. */
export interface ProcessIdentity {
  host: string;
  pid: number;
  pidStart: number | null;
  pidNamespace: string | null;
}

let self: ProcessIdentity | undefined;
/** This process's identity (read once: none of it changes while the process lives). */
export function thisProcess(): ProcessIdentity {
  self ??= { host: hostname(), pid: process.pid, pidStart: processStartTicks(process.pid), pidNamespace: pidNamespace() };
  return self;
}

/** The holder columns of run `runId`, or undefined for an unknown id. */
export function readHolderRow(ctx: StoreContext, runId: number): HolderRow | undefined {
  return ctx.db
    .prepare('SELECT status, claim_token, attempts, host, pid, pid_start, pid_namespace, heartbeat_at FROM runs WHERE id = ?')
    .get(runId) as HolderRow | undefined;
}

/**
 * Whether the holder's process runs: checked only when it claimed on this host and in this pid
 * namespace (a claim recorded without a namespace counts as this one when the host matches).
 */
export function holderProcess(row: Pick<HolderRow, 'host' | 'pid' | 'pid_start' | 'pid_namespace'>): RunHolder['process'] {
  const me = thisProcess();
  if (row.host !== me.host || row.pid === null) return 'unknown';
  if (row.pid_namespace !== null && me.pidNamespace !== null && row.pid_namespace !== me.pidNamespace) return 'unknown';
  return isProcessRunning(row.pid, row.pid_start) ? 'running' : 'gone';
}

/** A holder row as a RunHolder, ages measured at `now`. */
export function toHolder(runId: number, row: HolderRow, now: number, staleAfterMs: number): RunHolder {
  const age = row.heartbeat_at === null ? null : Math.max(0, now - row.heartbeat_at);
  return {
    runId,
    host: row.host,
    pid: row.pid,
    pidStart: row.pid_start,
    attempt: row.attempts,
    heartbeatAt: row.heartbeat_at,
    heartbeatAgeMs: age,
    staleInMs: age === null ? 0 : Math.max(0, staleAfterMs - age),
    process: holderProcess(row),
  };
}

/**
 * Who holds run `runId` now, or null when it is not running (then claimRun can take it, unless it
 * is done).
 *
 * @throws ResultsNotFoundError for an unknown run id.
 * @example runHolder(ctx, 1, 600_000) // { host: 'h', pid: 4242, heartbeatAgeMs: 12000, staleInMs: 588000, process: 'running', ... }
 */
export function runHolder(ctx: StoreContext, runId: number, staleAfterMs: number): RunHolder | null {
  integer('runHolder', 'runId', runId, 1);
  const row = readHolderRow(ctx, runId);
  if (!row) throw new ResultsNotFoundError('runHolder', 'runId', 'a run id returned by registerRun', runId);
  return row.status === 'running' ? toHolder(runId, row, ctx.now(), staleAfterMs) : null;
}

/**
 * Hands a running run back as 'pending' without its claim token - for a holder on another host
 * that is known to be dead (`cxr db release`). Returns the holder it replaced; that holder's later
 * writes are refused.
 *
 * @throws ResultsNotFoundError for an unknown run id; ResultsStateError when the run is not running.
 * @example releaseRunById(ctx, 1) // { host: 'node7', pid: 4242, ... }; run 1 is pending
 */
export function releaseRunById(ctx: StoreContext, runId: number, staleAfterMs: number): RunHolder {
  integer('releaseRunById', 'runId', runId, 1);
  return ctx.db
    .transaction(() => {
      const row = readHolderRow(ctx, runId);
      if (!row) throw new ResultsNotFoundError('releaseRunById', 'runId', 'a run id returned by registerRun', runId);
      if (row.status !== 'running') throw new ResultsStateError('releaseRunById', runId, 'a running run', row.status);
      const now = ctx.now();
      ctx.db
        .prepare(`UPDATE runs SET status = 'pending', claim_token = NULL, heartbeat_at = ? WHERE id = ? AND claim_token = ?`)
        .run(now, runId, row.claim_token);
      return toHolder(runId, row, now, staleAfterMs);
    })
    .immediate();
}

/**
 * A duration for people: '850 ms', '12 s', '9 min 48 s', '2 h 5 min'.
 *
 * @example formatDuration(588_000) // '9 min 48 s'
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(Math.max(0, ms))} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/**
 * One line naming a holder: 'pid 4242 on host h (heartbeat 12 s ago; stale in 9 min 48 s)', with
 * 'its process is gone' or 'stale now' where that holds.
 *
 * @example formatHolder(runHolder(ctx, 1, 600_000)!)
 */
export function formatHolder(h: RunHolder): string {
  const beat = h.heartbeatAgeMs === null ? 'no heartbeat' : `heartbeat ${formatDuration(h.heartbeatAgeMs)} ago`;
  const state = h.process === 'gone' ? 'its process is gone' : h.staleInMs > 0 ? `stale in ${formatDuration(h.staleInMs)}` : 'stale now';
  return `pid ${h.pid ?? '?'} on host ${h.host ?? '?'} (${beat}; ${state})`;
}
