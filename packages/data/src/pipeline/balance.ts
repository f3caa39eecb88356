/**
 * Seed 000's class balancing (section 2.3): keep only a fraction of the "No Finding" images
 * (no positive label), and, in the training split only, replicate images of rare findings: every
 * positive of a finding with fewer than `duplicateBelow` positives appears twice (mirrored
 * left-right with `mirrorDuplicates`: the seed's "vertical symmetry" copies), then random
 * positives of a finding still under `floor` are repeated, unmirrored, until it reaches the floor;
 * finally `trainKeep` undersamples what is still overrepresented (the seed: No Finding 25 %,
 * Atelectasis 50 %, section 2.3.6).
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
  /** The `duplicateBelow` copies are mirrored left-right (seed 000); absent or false = plain copies. */
  mirrorDuplicates: z.boolean().optional(),
  /**
   * After replication, the fraction of training entries kept per label name ('No Finding' = no
   * positive label, unless the run has such a label), applied in key order; absent = none.
   */
  trainKeep: z.record(z.string().min(1), z.number().gt(0).max(1)).optional(),
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
export function balanceIndices(opts: BalanceOptions & { purpose: BalancePurpose }): number[] {
  return balanceSplit('balanceIndices', opts, opts.purpose).indices;
}

/** Options of balanceIndices and balanceTrainingSplit. */
export interface BalanceOptions {
  indices: number[];
  targets: Float32Array[];
  config: BalanceConfig;
  seed: number;
  epoch: number;
  /** The label names of the target columns (needed by `trainKeep`). */
  labelNames?: readonly string[];
}

/** The training split after balancing, with which entries are mirrored copies. */
export interface BalancedSplit {
  indices: number[];
  /** Aligned with `indices`: true for a `duplicateBelow` copy when `mirrorDuplicates` is set. */
  mirrored: boolean[];
}

/**
 * balanceIndices for the training split (same indices, same stream), and which of them are the
 * mirrored copies trainBatches should flip left-right (its `mirrored` option).
 *
 * @throws DataArgumentError as balanceIndices.
 * @example balanceTrainingSplit({ indices, targets, config: { noFindingKeep: 0.1, duplicateBelow: 3000, floor: 1500, mirrorDuplicates: true }, seed: 1, epoch: 0 })
 */
export function balanceTrainingSplit(opts: BalanceOptions): BalancedSplit {
  return balanceSplit('balanceTrainingSplit', opts, 'train');
}

function balanceSplit(fn: string, opts: BalanceOptions, purpose: BalancePurpose): BalancedSplit {
  const parsed = BALANCE_CONFIG_SCHEMA.safeParse(opts.config);
  if (!parsed.success)
    throw new DataArgumentError(
      fn,
      'config',
      '{ noFindingKeep in (0, 1], duplicateBelow, floor: integer >= 1 or null, mirrorDuplicates?: boolean, trainKeep?: { label: fraction in (0, 1] } }',
      opts.config,
    );
  const { noFindingKeep, duplicateBelow, floor, mirrorDuplicates, trainKeep } = parsed.data;
  const k = checkTargets(fn, opts.indices, opts.targets);
  const keepColumns = trainKeep && purpose === 'train' ? trainKeepColumns(fn, trainKeep, opts.labelNames, k) : [];
  const rng = createRng(opts.seed, `balance/${purpose}/${opts.epoch}`);
  const positive = (i: number, j: number) => opts.targets[i]![j]! >= 0.5;
  const isEmpty = (i: number) => {
    for (let j = 0; j < k; j++) if (positive(i, j)) return false;
    return true;
  };
  const dropped = new Set(droppedPart(opts.indices.filter(isEmpty), noFindingKeep, rng));
  const kept = opts.indices.filter((i) => !dropped.has(i));
  const out = kept.slice();
  const mirrored = kept.map(() => false);
  if (purpose !== 'train') return { indices: out, mirrored };
  const counts = (j: number) => out.reduce((a, i) => a + (positive(i, j) ? 1 : 0), 0);
  for (let j = 0; j < k; j++) {
    const pos = kept.filter((i) => positive(i, j));
    if (pos.length === 0) continue;
    if (duplicateBelow !== null && counts(j) < duplicateBelow) {
      out.push(...pos);
      mirrored.push(...pos.map(() => mirrorDuplicates === true));
    }
    if (floor !== null)
      for (let c = counts(j); c < floor; c++) {
        out.push(pos[rng.int(pos.length)]!);
        mirrored.push(false);
      }
  }
  let positions = out.map((_, p) => p);
  for (const { column, fraction } of keepColumns) {
    const matches = (p: number) => (column === null ? isEmpty(out[p]!) : positive(out[p]!, column));
    const drop = new Set(droppedPart(positions.filter(matches), fraction, rng));
    positions = positions.filter((p) => !drop.has(p));
  }
  return { indices: positions.map((p) => out[p]!), mirrored: positions.map((p) => mirrored[p]!) };
}

/** The entries of `items` a seeded undersampling to `keep` drops: all but round(n * keep) (at least one kept). */
function droppedPart<T>(items: T[], keep: number, rng: ReturnType<typeof createRng>): T[] {
  const keepCount = items.length === 0 ? 0 : Math.max(1, Math.round(items.length * keep));
  const shuffled = items.slice();
  for (let i = shuffled.length - 1; i > 0; i--) {
    const r = rng.int(i + 1);
    [shuffled[i], shuffled[r]] = [shuffled[r]!, shuffled[i]!];
  }
  return shuffled.slice(keepCount);
}

/** trainKeep's keys as target columns (null = no positive label), in key order. */
function trainKeepColumns(
  fn: string,
  trainKeep: Record<string, number>,
  labelNames: readonly string[] | undefined,
  k: number,
): { column: number | null; fraction: number }[] {
  if (!labelNames || labelNames.length !== k)
    throw new DataArgumentError(fn, 'labelNames', `the ${k} label names of the targets (config.trainKeep names labels)`, labelNames);
  return Object.entries(trainKeep).map(([name, fraction]) => {
    const column = labelNames.indexOf(name);
    if (column < 0 && name !== 'No Finding')
      throw new DataArgumentError(fn, `config.trainKeep.${name}`, `a label of the run (${labelNames.join(', ')}) or 'No Finding'`, name);
    return { column: column < 0 ? null : column, fraction };
  });
}
