/**
 * Seed 000's class balancing (section 2.3): keep only a fraction of the "No Finding" images
 * (no positive label), and, in the training split only, replicate images of rare findings: every
 * positive of a finding with fewer than `duplicateBelow` positives appears twice (the seed's
 * flipped copies; here the augmentation decides flips), then random positives of a finding still
 * under `floor` are repeated until it reaches the floor.
 */
import { z } from 'zod';
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { checkTargets } from './check-targets.ts';

/**
 * `noFindingKeep`: fraction of images without a positive label kept (seed: 0.10), in every split;
 * `duplicateBelow` / `floor`: training-split replication thresholds in positives (seed: 3,000 and
 * 1,500); null = that step is off.
 */
export const BALANCE_CONFIG_SCHEMA = z.strictObject({
  noFindingKeep: z.number().gt(0).max(1),
  duplicateBelow: z.int().min(1).nullable(),
  floor: z.int().min(1).nullable(),
});
export type BalanceConfig = z.infer<typeof BALANCE_CONFIG_SCHEMA>;

/** Which split a balancing call is for: only 'train' replicates. */
export type BalancePurpose = 'train' | 'val' | 'test';

/**
 * The indices of one split after balancing, seeded by (seed, `balance/<purpose>/<epoch>`): the
 * No Finding images kept are a seeded subset (rounded, at least one when there were any), then for
 * 'train' the replication steps in label order. Replicas are appended after the kept indices; the
 * epoch order shuffles them. Cost O(n * labels + added).
 *
 * @throws DataArgumentError on a bad index or target, or a config outside BALANCE_CONFIG_SCHEMA.
 * @example balanceIndices({ indices, targets, config: { noFindingKeep: 0.1, duplicateBelow: 3000, floor: 1500 }, seed: 1, purpose: 'train', epoch: 0 })
 */
export function balanceIndices(opts: {
  indices: number[];
  targets: Float32Array[];
  config: BalanceConfig;
  seed: number;
  purpose: BalancePurpose;
  epoch: number;
}): number[] {
  const fn = 'balanceIndices';
  const parsed = BALANCE_CONFIG_SCHEMA.safeParse(opts.config);
  if (!parsed.success)
    throw new DataArgumentError(fn, 'config', '{ noFindingKeep in (0, 1], duplicateBelow, floor: integer >= 1 or null }', opts.config);
  const { noFindingKeep, duplicateBelow, floor } = parsed.data;
  const k = checkTargets(fn, opts.indices, opts.targets);
  const rng = createRng(opts.seed, `balance/${opts.purpose}/${opts.epoch}`);
  const positive = (i: number, j: number) => opts.targets[i]![j]! >= 0.5;
  const empty = opts.indices.filter((i) => !Array.from({ length: k }, (_, j) => j).some((j) => positive(i, j)));
  const keepCount = empty.length === 0 ? 0 : Math.max(1, Math.round(empty.length * noFindingKeep));
  const shuffled = empty.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const r = rng.int(i + 1);
    [shuffled[i], shuffled[r]] = [shuffled[r]!, shuffled[i]!];
  }
  const dropped = new Set(shuffled.slice(keepCount));
  const kept = opts.indices.filter((i) => !dropped.has(i));
  if (opts.purpose !== 'train') return kept;
  const out = kept.slice();
  const counts = (j: number) => out.reduce((a, i) => a + (positive(i, j) ? 1 : 0), 0);
  for (let j = 0; j < k; j++) {
    const pos = kept.filter((i) => positive(i, j));
    if (pos.length === 0) continue;
    if (duplicateBelow !== null && counts(j) < duplicateBelow) out.push(...pos);
    if (floor !== null) for (let c = counts(j); c < floor; c++) out.push(pos[rng.int(pos.length)]!);
  }
  return out;
}
