/**
 * What the experiments' smoke-cell tests share: one resolved cell of an experiment's smoke profile,
 * the request that trains it with runExperiment on wasm into a temporary store and folders, and
 * the cleanup (registered with node:test's `after`). Tests only.
 */
import { after } from 'node:test';
import { join } from 'node:path';
import type { ResultsStore } from '@cxr/results';
import { openTempResultsStore } from '@cxr/results/testing';
import { makeTempDir } from '@cxr/testkit';
import { runExperiment, selectBackend } from '@cxr/train';
import type { Cell } from '../definition.ts';
import { resolveExperiment, type ResolvedCell } from '../resolve-experiment.ts';

type RunRequest = Parameters<typeof runExperiment>[0];

export interface SmokeCell {
  cell: ResolvedCell;
  store: ResultsStore;
  /** runExperiment's request for the cell (wasm, temporary data and weights folders). */
  request: RunRequest;
}

/**
 * The first smoke cell of `experiment` (or the first one `pick` accepts), ready to train.
 *
 * @throws Error when no cell matches `pick`.
 * @example const { request, cell } = await smokeCell('seed004-unet'); await runExperiment(request)
 */
export async function smokeCell(experiment: string, pick: (c: Cell) => boolean = () => true): Promise<SmokeCell> {
  const tmp = makeTempDir(`${experiment}-smoke`);
  const { store, cleanup } = openTempResultsStore();
  after(() => {
    cleanup();
    tmp.cleanup();
  });
  const { backend } = await selectBackend('wasm');
  const r = resolveExperiment(experiment, { profile: 'smoke' });
  const cell = r.cells.find(pick);
  if (!cell) throw new Error(`smokeCell: no smoke cell of ${experiment} matches`);
  const request: RunRequest = {
    config: cell.config,
    seed: cell.seed,
    store,
    backend,
    experiment: r.definition.name,
    label: cell.level,
    dataRoot: join(tmp.dir, 'data'),
    weightsRoot: join(tmp.dir, 'weights'),
  };
  return { cell, store, request };
}
