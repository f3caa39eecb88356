/**
 * Writes made under a claim: per-epoch rows, the run's info JSON, and the final results. Each is one
 * transaction that first checks (and refreshes) the claim, so nothing is written to a run this
 * process no longer holds and a failure halfway leaves no trace.
 */
import { canonicalJson } from './canonical-json.ts';
import { touchHeld } from './claims.ts';
import type { StoreContext } from './context.ts';
import { ResultsArgumentError } from './errors.ts';
import { assertFloat32, float32ToBlob } from './float32-blob.ts';
import type { EpochInput, FinishInput, RunClaim } from './types.ts';
import { finiteNumber, finiteRecord, integer, nameString, plainObject } from './validate.ts';

/**
 * Stores one epoch's losses, validation metrics, learning rates (by parameter group) and seconds;
 * recording the same epoch again replaces it (a resumed run redoing an epoch). Also a heartbeat.
 *
 * @throws ResultsArgumentError for a non-finite number (a diverged loss is a failRun, not a row) or
 *   a negative epoch; ResultsOwnershipError when the claim no longer holds the run.
 * @example recordEpoch(ctx, claim, { epoch: 0, trainLoss: 0.69, valLoss: 0.65, metrics: { macro_auc_roc: 0.61 }, learningRates: { head: 1e-3 }, seconds: 12.5 })
 */
export function recordEpoch(ctx: StoreContext, claim: RunClaim, row: EpochInput): void {
  const fn = 'recordEpoch';
  if (typeof row !== 'object' || row === null) throw new ResultsArgumentError(fn, 'row', 'an epoch object', row);
  const epoch = integer(fn, 'row.epoch', row.epoch, 0);
  const trainLoss = finiteNumber(fn, 'row.trainLoss', row.trainLoss);
  const valLoss = row.valLoss === undefined ? null : finiteNumber(fn, 'row.valLoss', row.valLoss);
  const metrics = canonicalJson(finiteRecord(fn, 'row.metrics', row.metrics));
  const rates = canonicalJson(finiteRecord(fn, 'row.learningRates', row.learningRates));
  const seconds = finiteNumber(fn, 'row.seconds', row.seconds);
  if (seconds < 0) throw new ResultsArgumentError(fn, 'row.seconds', 'a duration >= 0', seconds);
  ctx.db
    .transaction(() => {
      touchHeld(ctx, fn, claim);
      ctx.db
        .prepare(
          `INSERT OR REPLACE INTO epochs (run_id, epoch, train_loss, val_loss, metrics, learning_rates, seconds, recorded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(claim.runId, epoch, trainLoss, valLoss, metrics, rates, seconds, ctx.now());
    })
    .immediate();
}

/**
 * Merges `info` (shallow: top-level keys replace) into the run's free-form info JSON, e.g.
 * `{ checkpoint: 'weights/runs/12.ckpt', weights: 'imagenet-keras' }`.
 *
 * @throws ResultsArgumentError when info is not plain JSON; ResultsOwnershipError when not held.
 */
export function updateRunInfo(ctx: StoreContext, claim: RunClaim, info: Record<string, unknown>): void {
  plainObject('updateRunInfo', 'info', info);
  canonicalJson(info);
  ctx.db
    .transaction(() => {
      touchHeld(ctx, 'updateRunInfo', claim);
      mergeInfo(ctx, claim.runId, info);
    })
    .immediate();
}

/**
 * Completes a claimed run in one transaction: all metrics, per-label metrics and prediction blobs,
 * the info merge, then status 'done'. Any bad value (NaN, a duplicate key, a blob of the wrong
 * length) aborts the whole transaction: no rows are kept and the run stays 'running' under this
 * claim, so the caller can fix the input or failRun.
 *
 * @throws ResultsArgumentError naming the offending entry, e.g.
 *   `finishRun(result.labelMetrics[9].value): expected a finite number, received NaN`;
 *   ResultsOwnershipError when the claim no longer holds the run.
 */
export function finishRun(ctx: StoreContext, claim: RunClaim, result: FinishInput): void {
  const fn = 'finishRun';
  if (typeof result !== 'object' || result === null) throw new ResultsArgumentError(fn, 'result', 'a result object', result);
  for (const key of ['metrics', 'labelMetrics', 'predictions'] as const) {
    if (!Array.isArray(result[key])) throw new ResultsArgumentError(fn, `result.${key}`, 'an array', result[key]);
  }
  if (result.info !== undefined) canonicalJson(plainObject(fn, 'result.info', result.info));
  const { db } = ctx;
  db.transaction(() => {
    touchHeld(ctx, fn, claim);
    const id = claim.runId;
    // A previous attempt never leaves rows (its finish was atomic), but clearing makes that explicit.
    for (const table of ['metrics', 'label_metrics', 'predictions']) db.prepare(`DELETE FROM ${table} WHERE run_id = ?`).run(id);
    const seen = new Set<string>();
    const unique = (arg: string, key: string, value: unknown) => {
      if (seen.has(key)) throw new ResultsArgumentError(fn, arg, 'each key once per run', value);
      seen.add(key);
    };
    const insMetric = db.prepare('INSERT INTO metrics (run_id, split, name, value) VALUES (?, ?, ?, ?)');
    result.metrics.forEach((m, i) => {
      const at = `result.metrics[${i}]`;
      const split = nameString(fn, `${at}.split`, m?.split);
      const name = nameString(fn, `${at}.name`, m.name);
      unique(at, `m\0${split}\0${name}`, `${split}/${name}`);
      insMetric.run(id, split, name, finiteNumber(fn, `${at}.value`, m.value));
    });
    const insLabel = db.prepare('INSERT INTO label_metrics (run_id, split, label, name, value) VALUES (?, ?, ?, ?, ?)');
    result.labelMetrics.forEach((m, i) => {
      const at = `result.labelMetrics[${i}]`;
      const split = nameString(fn, `${at}.split`, m?.split);
      const label = nameString(fn, `${at}.label`, m.label);
      const name = nameString(fn, `${at}.name`, m.name);
      unique(at, `l\0${split}\0${label}\0${name}`, `${split}/${label}/${name}`);
      insLabel.run(id, split, label, name, finiteNumber(fn, `${at}.value`, m.value));
    });
    const insPred = db.prepare(
      'INSERT INTO predictions (run_id, split, rows, cols, label_names, probabilities, labels) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    result.predictions.forEach((p, i) => {
      const at = `result.predictions[${i}]`;
      const split = nameString(fn, `${at}.split`, p?.split);
      unique(at, `p\0${split}`, split);
      const rows = integer(fn, `${at}.rows`, p.rows, 0);
      const cols = integer(fn, `${at}.cols`, p.cols, 1);
      if (!Array.isArray(p.labelNames) || p.labelNames.length !== cols) {
        throw new ResultsArgumentError(fn, `${at}.labelNames`, `an array of ${cols} label names (cols)`, p.labelNames);
      }
      p.labelNames.forEach((n, j) => nameString(fn, `${at}.labelNames[${j}]`, n));
      const probs = assertFloat32(fn, `${at}.probabilities`, p.probabilities, rows * cols);
      const labels = assertFloat32(fn, `${at}.labels`, p.labels, rows * cols);
      probs.forEach((v, j) => {
        if (!(v >= 0 && v <= 1)) throw new ResultsArgumentError(fn, `${at}.probabilities[${j}]`, 'a probability in [0, 1]', v);
      });
      labels.forEach((v, j) => finiteNumber(fn, `${at}.labels[${j}]`, v));
      insPred.run(id, split, rows, cols, JSON.stringify(p.labelNames), float32ToBlob(probs), float32ToBlob(labels));
    });
    if (result.info !== undefined) mergeInfo(ctx, id, result.info);
    db.prepare(`UPDATE runs SET status = 'done', claim_token = NULL, ended_at = ?, error = NULL WHERE id = ? AND claim_token = ?`).run(
      ctx.now(),
      id,
      claim.token,
    );
  }).immediate();
}

function mergeInfo(ctx: StoreContext, runId: number, info: Record<string, unknown>): void {
  const { info: old } = ctx.db.prepare('SELECT info FROM runs WHERE id = ?').get(runId) as { info: string };
  const merged = { ...(JSON.parse(old) as Record<string, unknown>), ...info };
  ctx.db.prepare('UPDATE runs SET info = ? WHERE id = ?').run(canonicalJson(merged), runId);
}
