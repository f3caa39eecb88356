/**
 * Run ownership: claim (pending, failed or stale -> running), heartbeat, release, fail. A claim is
 * a random token written by one conditional UPDATE, so of two processes racing for a run exactly
 * one changes the row; every later write checks the token, so a process whose run was taken over
 * after its heartbeat went stale can no longer write to it.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';
import type { StoreContext } from './context.ts';
import { ResultsArgumentError, ResultsNotFoundError, ResultsOwnershipError } from './errors.ts';
import { readHolderRow, thisProcess, toHolder } from './run-holder.ts';
import type { ClaimOptions, RunClaim } from './types.ts';
import { integer } from './validate.ts';

/** A running run with no heartbeat for this long is presumed dead and may be claimed again. */
export const DEFAULT_STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Atomically takes run `runId` if it is pending, failed (unless `retryFailed: false`) or running
 * with a heartbeat older than `staleAfterMs`; also, at once, a running run whose holder was on
 * this host and whose process is gone (killed, crashed: checked by pid and start time), and with
 * `takeOver: true` any running run. Records host, pid, process start time, backend, code and
 * package versions, and bumps `attempts`; a claim taken from another one names it in `previous`.
 * Returns null when another live holder has it or it is done (runHolder says who).
 *
 * @throws ResultsNotFoundError for an unknown run id; ResultsArgumentError for a bad option.
 * @example claimRun(ctx, 1) // { runId: 1, token: '6f1c...', attempt: 1, claimedAt: 1763900000000 }, then null
 */
export function claimRun(ctx: StoreContext, runId: number, opts: ClaimOptions = {}): RunClaim | null {
  integer('claimRun', 'runId', runId, 1);
  const staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  if (typeof staleAfterMs !== 'number' || !(staleAfterMs >= 0) || !Number.isFinite(staleAfterMs)) {
    throw new ResultsArgumentError('claimRun', 'opts.staleAfterMs', 'a finite number of milliseconds >= 0', staleAfterMs);
  }
  const me = thisProcess();
  // Read the holder and write the claim under one write lock, so `previous` is the claim replaced.
  return ctx.db
    .transaction((): RunClaim | null => {
      const now = ctx.now();
      const held = readHolderRow(ctx, runId);
      if (!held) throw new ResultsNotFoundError('claimRun', 'runId', 'a run id returned by registerRun', runId);
      const previous = held.status === 'running' ? toHolder(runId, held, now, staleAfterMs) : undefined;
      // The token of a running claim that may be replaced whatever its heartbeat says.
      const replaceable = previous && (opts.takeOver === true || previous.process === 'gone') ? held.claim_token : null;
      const token = randomUUID();
      const row = ctx.db
        .prepare(
          `UPDATE runs SET status = 'running', claim_token = @token, attempts = attempts + 1, host = @host,
             pid = @pid, pid_start = @pidStart, pid_namespace = @pidNamespace, heartbeat_at = @now, started_at = @now,
             ended_at = NULL, backend = @backend, code_version = @codeVersion, package_versions = @packageVersions
           WHERE id = @runId AND (status = 'pending' OR (status = 'failed' AND @retryFailed = 1)
             OR (status = 'running' AND (heartbeat_at < @staleBefore OR claim_token = @replaceable)))
           RETURNING attempts`,
        )
        .get({
          token,
          host: me.host,
          pid: me.pid,
          pidStart: me.pidStart,
          pidNamespace: me.pidNamespace,
          now,
          backend: opts.backend ?? null,
          codeVersion: opts.codeVersion ?? null,
          packageVersions: opts.packageVersions ? canonicalJson(opts.packageVersions) : null,
          runId,
          retryFailed: opts.retryFailed === false ? 0 : 1,
          staleBefore: now - staleAfterMs,
          replaceable,
        }) as { attempts: number } | undefined;
      if (!row) return null;
      return Object.freeze({ runId, token, attempt: row.attempts, claimedAt: now, ...(previous ? { previous } : {}) });
    })
    .immediate();
}

/**
 * Marks the claimed run alive now. Call it more often than the stale limit (every epoch, or on a
 * timer for long epochs).
 *
 * @throws ResultsOwnershipError when this claim no longer holds the run (taken over, finished).
 */
export function heartbeat(ctx: StoreContext, claim: RunClaim): void {
  touchHeld(ctx, 'heartbeat', claim);
}

/**
 * Gives a claimed run back as 'pending' (e.g. on Ctrl-C), so the next sweep starts it again.
 *
 * @throws ResultsOwnershipError when this claim no longer holds the run.
 */
export function releaseRun(ctx: StoreContext, claim: RunClaim): void {
  checkClaim('releaseRun', claim);
  const info = ctx.db
    .prepare(
      `UPDATE runs SET status = 'pending', claim_token = NULL, heartbeat_at = @now
       WHERE id = @runId AND claim_token = @token AND status = 'running'`,
    )
    .run({ now: ctx.now(), runId: claim.runId, token: claim.token });
  if (info.changes !== 1) throwNotHeld(ctx, 'releaseRun', claim);
}

/**
 * Marks the claimed run 'failed' with the error's text (stack when it has one). A failed run is
 * claimable again, which is how it is retried; its error stays until it finishes.
 *
 * @throws ResultsOwnershipError when this claim no longer holds the run.
 * @example failRun(ctx, claim, new Error('loss diverged at epoch 3'))
 */
export function failRun(ctx: StoreContext, claim: RunClaim, error: unknown): void {
  checkClaim('failRun', claim);
  const now = ctx.now();
  const info = ctx.db
    .prepare(
      `UPDATE runs SET status = 'failed', claim_token = NULL, heartbeat_at = @now, ended_at = @now, error = @error
       WHERE id = @runId AND claim_token = @token AND status = 'running'`,
    )
    .run({ now, error: errorText(error), runId: claim.runId, token: claim.token });
  if (info.changes !== 1) throwNotHeld(ctx, 'failRun', claim);
}

/**
 * Refreshes the heartbeat if and only if `claim` holds the run; the first step of every write made
 * under a claim (inside the caller's transaction, so the check and the write are one).
 */
export function touchHeld(ctx: StoreContext, fn: string, claim: RunClaim): void {
  checkClaim(fn, claim);
  const info = ctx.db
    .prepare(`UPDATE runs SET heartbeat_at = ? WHERE id = ? AND claim_token = ? AND status = 'running'`)
    .run(ctx.now(), claim.runId, claim.token);
  if (info.changes !== 1) throwNotHeld(ctx, fn, claim);
}

function checkClaim(fn: string, claim: RunClaim): void {
  if (typeof claim !== 'object' || claim === null || !Number.isSafeInteger(claim.runId) || typeof claim.token !== 'string') {
    throw new ResultsArgumentError(fn, 'claim', 'a RunClaim returned by claimRun', claim);
  }
}

/** Explains why `claim` does not hold its run, as an error naming the current state. */
function throwNotHeld(ctx: StoreContext, fn: string, claim: RunClaim): never {
  const row = ctx.db.prepare('SELECT status, claim_token, host, pid, attempts FROM runs WHERE id = ?').get(claim.runId) as
    { status: string; claim_token: string | null; host: string | null; pid: number | null; attempts: number } | undefined;
  if (!row) throw new ResultsNotFoundError(fn, 'claim.runId', 'a run id returned by registerRun', claim.runId);
  if (row.status !== 'running') throw new ResultsOwnershipError(fn, claim.runId, `but the run is ${row.status}`);
  throw new ResultsOwnershipError(
    fn,
    claim.runId,
    `but it is held by another claim (attempt ${row.attempts}, host ${row.host}, pid ${row.pid}); it was probably taken over after this claim's heartbeat went stale`,
  );
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
