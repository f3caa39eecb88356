/**
 * A run's recoverable input problems (skipped rows, missing images): written under the claim like
 * every run write, read back in the order reported and counted by kind.
 */
import type { Problem } from '@cxr/core';
import { touchHeld } from './claims.ts';
import type { StoreContext } from './context.ts';
import { ResultsArgumentError, ResultsNotFoundError } from './errors.ts';
import type { ProblemCount, ProblemRow, RunClaim } from './types.ts';
import { integer } from './validate.ts';

/**
 * Stores `problems` with the claimed run in one transaction that first checks (and refreshes) the
 * claim. By default they replace the run's stored problems (a retried run records its dataset's
 * problems again); `append: true` adds them after the stored ones (problems found later, e.g. by
 * the image decoder). Validation happens before anything is written, so a bad entry writes nothing.
 *
 * @throws ResultsArgumentError naming the entry, e.g. `recordProblems(problems[3].line): expected an
 *   integer >= 1, received 0`; ResultsOwnershipError when the claim no longer holds the run.
 * @example recordProblems(ctx, claim, [{ kind: 'missing-image', file: 'labels.csv', line: 12, field: 'ImageID', message: 'image file not found: a.png' }])
 */
export function recordProblems(ctx: StoreContext, claim: RunClaim, problems: readonly Problem[], opts: { append?: boolean } = {}): void {
  const fn = 'recordProblems';
  if (!Array.isArray(problems)) throw new ResultsArgumentError(fn, 'problems', 'an array of problems', problems);
  const rows = problems.map((p, i) => checkProblem(fn, `problems[${i}]`, p));
  ctx.db
    .transaction(() => {
      touchHeld(ctx, fn, claim);
      let seq = 0;
      if (opts.append) {
        seq = (ctx.db.prepare('SELECT coalesce(max(seq) + 1, 0) FROM problems WHERE run_id = ?').pluck().get(claim.runId) as number) ?? 0;
      } else {
        ctx.db.prepare('DELETE FROM problems WHERE run_id = ?').run(claim.runId);
      }
      const ins = ctx.db.prepare(
        'INSERT INTO problems (run_id, seq, source, kind, file, line, field, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const p of rows) ins.run(claim.runId, seq++, p.source, p.kind, p.file, p.line, p.field, p.message);
    })
    .immediate();
}

/**
 * The problems of a run in the order they were reported; `limit` returns only the first ones.
 *
 * @throws ResultsNotFoundError for an unknown run id; ResultsArgumentError for a bad limit.
 * @example getProblems(ctx, 4, { limit: 20 })[0] // { runId: 4, seq: 0, kind: 'missing-image', file: '/d/labels.csv', line: 12, ... }
 */
export function getProblems(ctx: StoreContext, runId: number, opts: { limit?: number } = {}): ProblemRow[] {
  requireRun(ctx, 'getProblems', runId);
  const limit = opts.limit === undefined ? -1 : integer('getProblems', 'opts.limit', opts.limit, 0);
  const rows = ctx.db.prepare('SELECT * FROM problems WHERE run_id = ? ORDER BY seq LIMIT ?').all(runId, limit) as {
    run_id: number;
    seq: number;
    source: string | null;
    kind: string | null;
    file: string;
    line: number | null;
    field: string | null;
    message: string;
  }[];
  return rows.map((r) => ({
    runId: r.run_id,
    seq: r.seq,
    ...(r.source !== null ? { source: r.source } : {}),
    ...(r.kind !== null ? { kind: r.kind } : {}),
    file: r.file,
    ...(r.line !== null ? { line: r.line } : {}),
    ...(r.field !== null ? { field: r.field } : {}),
    message: r.message,
  }));
}

/**
 * The run's problems counted by kind (no kind = 'other'), most frequent first, then by kind name;
 * the same order as @cxr/core's countProblems. Empty when the run has none.
 *
 * @throws ResultsNotFoundError for an unknown run id.
 * @example problemCounts(ctx, 4) // [{ kind: 'missing-image', count: 11 }, { kind: 'malformed-row', count: 1 }]
 */
export function problemCounts(ctx: StoreContext, runId: number): ProblemCount[] {
  requireRun(ctx, 'problemCounts', runId);
  const rows = ctx.db
    .prepare(`SELECT coalesce(kind, 'other') AS kind, count(*) AS count FROM problems WHERE run_id = ? GROUP BY 1`)
    .all(runId) as ProblemCount[];
  return rows.sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

interface CheckedProblem {
  source: string | null;
  kind: string | null;
  file: string;
  line: number | null;
  field: string | null;
  message: string;
}

const EXPECTED = { optional: 'a string or undefined', string: 'a string', 'non-empty': 'a non-empty string' } as const;

function checkProblem(fn: string, at: string, p: unknown): CheckedProblem {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) throw new ResultsArgumentError(fn, at, 'a problem object', p);
  const o = p as Record<string, unknown>;
  const text = (key: string, need: 'optional' | 'string' | 'non-empty'): string | null => {
    const v = o[key];
    if (v === undefined && need === 'optional') return null;
    if (typeof v !== 'string' || (need === 'non-empty' && v.length === 0)) {
      throw new ResultsArgumentError(fn, `${at}.${key}`, EXPECTED[need], v);
    }
    return v;
  };
  const line = o['line'] === undefined ? null : integer(fn, `${at}.line`, o['line'], 1);
  return {
    source: text('source', 'optional'),
    kind: text('kind', 'optional'),
    file: text('file', 'non-empty')!,
    line,
    field: text('field', 'optional'),
    message: text('message', 'string')!,
  };
}

function requireRun(ctx: StoreContext, fn: string, runId: number): void {
  integer(fn, 'runId', runId, 1);
  if (!ctx.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(runId)) {
    throw new ResultsNotFoundError(fn, 'runId', 'a run id returned by registerRun', runId);
  }
}
