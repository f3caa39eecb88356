/**
 * The frozen cell list of one Slurm submission (`cells.json` beside its sbatch script): task index
 * -> (level, seed, config hash, dataset fingerprint, shard file), plus the sweep flags it was
 * resolved with. Every array task reads it, so index I is the same cell on every node and after
 * every restart; each task re-resolves the experiment from the recorded flags and refuses to run
 * when the code now gives other config hashes (the experiment changed since submission).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { tempPathFor, describeValue } from '@cxr/core';
import { z } from 'zod';
import type { ResolvedCell, ResolvedExperiment } from '../../experiments/resolve-experiment.ts';
import { SlurmSweepError } from './slurm-error.ts';

export const CELL_LIST_FORMAT = 'cxr-cells/1';

/** The flags a task re-resolves the experiment with (those of `cxr sweep` that change configs). */
const sweepFlags = z
  .object({
    profile: z.string(),
    seeds: z.array(z.number().int()).optional(),
    dataset: z.string().optional(),
    dataDir: z.string().optional(),
    set: z.array(z.string()).optional(),
  })
  .strict();

const frozenCell = z
  .object({
    level: z.string(),
    seed: z.number().int(),
    configHash: z.string().length(64),
    fingerprint: z.string().min(1),
    shard: z.string().min(1),
  })
  .strict();

export const cellListSchema = z
  .object({
    format: z.literal(CELL_LIST_FORMAT),
    experiment: z.string(),
    /** experimentHash of the resolved experiment at submission. */
    experimentHash: z.string().length(64),
    /** The results database the merge job folds the shards into. */
    db: z.string(),
    flags: sweepFlags,
    createdAt: z.string(),
    cells: z.array(frozenCell).min(1),
  })
  .strict();

export type CellList = z.infer<typeof cellListSchema>;
export type FrozenCell = z.infer<typeof frozenCell>;
export type SweepFlags = z.infer<typeof sweepFlags>;

/**
 * SHA-256 over every cell's (level, seed, config hash) in order: the experiment's identity as far
 * as a task cares. Same code, same flags -> same hash.
 *
 * @example experimentHash(resolveExperiment('table2-unfreeze', { profile: 'smoke' })) // '5c1f...' (64 hex digits)
 */
export function experimentHash(resolved: Pick<ResolvedExperiment, 'cells'>): string {
  const h = createHash('sha256');
  for (const c of resolved.cells) h.update(`${c.level}\u0000${c.seed}\u0000${c.configHash}\n`);
  return h.digest('hex');
}

/** Writes `list` to `path` (temp file + rename, so a task never reads half a list). */
export function writeCellList(path: string, list: CellList): void {
  const temp = tempPathFor(path);
  writeFileSync(temp, `${JSON.stringify(cellListSchema.parse(list), null, 2)}\n`);
  renameSync(temp, path);
}

/**
 * Reads and validates a cell list.
 *
 * @throws SlurmSweepError naming the file when it cannot be read, is not JSON or not a `cxr-cells/1` list.
 * @example readCellList('results.db.slurm/table2-unfreeze/submit-20261201-190000/cells.json').cells.length // 18
 */
export function readCellList(path: string): CellList {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SlurmSweepError(
      `readCellList(${path}): expected a cell list written by cxr sweep --launcher slurm, cannot read it (${(error as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SlurmSweepError(`readCellList(${path}): expected JSON, received text that does not parse (${(error as Error).message})`);
  }
  const parsed = cellListSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SlurmSweepError(
      `readCellList(${path}): expected a ${CELL_LIST_FORMAT} cell list, key ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * The resolved cell of task `index`, after checking the list against the experiment as the code
 * resolves it now.
 *
 * @throws SlurmSweepError when the experiment's name or hash differs from the list's (naming the
 *   first cell whose config hash changed, or that is gone), or `index` is not a task of the list.
 * @example cellForTask(list, resolveSweep(definition, list.flags), 0, 'cells.json').cell.level // '0 %'
 */
export function cellForTask(
  list: CellList,
  resolved: ResolvedExperiment,
  index: number,
  file: string,
): { cell: ResolvedCell; frozen: FrozenCell } {
  const fn = `cxr sweep run-cell (${file})`;
  if (resolved.definition.name !== list.experiment)
    throw new SlurmSweepError(
      `${fn}: expected experiment ${JSON.stringify(list.experiment)}, received ${JSON.stringify(resolved.definition.name)}`,
    );
  const byCell = new Map(resolved.cells.map((c) => [`${c.level}\u0000${c.seed}`, c]));
  if (experimentHash(resolved) !== list.experimentHash) {
    for (const f of list.cells) {
      const now = byCell.get(`${f.level}\u0000${f.seed}`);
      if (!now || now.configHash !== f.configHash)
        throw new SlurmSweepError(
          `${fn}: the experiment changed since submission: cell (${f.level}, seed ${f.seed}) was frozen with config hash ` +
            `${f.configHash.slice(0, 12)}, the code now gives ${now ? now.configHash.slice(0, 12) : 'no such cell'}; submit again (cxr sweep ${list.experiment} --launcher slurm)`,
        );
    }
  }
  const frozen = list.cells[index];
  if (!Number.isInteger(index) || frozen === undefined)
    throw new SlurmSweepError(`${fn}: expected a task index 0..${list.cells.length - 1}, received ${describeValue(index)}`);
  const cell = byCell.get(`${frozen.level}\u0000${frozen.seed}`);
  if (!cell || cell.configHash !== frozen.configHash)
    throw new SlurmSweepError(
      `${fn}: cell (${frozen.level}, seed ${frozen.seed}) was frozen with config hash ${frozen.configHash.slice(0, 12)}, the code now gives ${cell ? cell.configHash.slice(0, 12) : 'no such cell'}`,
    );
  return { cell, frozen };
}
