/**
 * Test helpers of the run phases (for *.test.ts files of this folder only): a claimed smoke run
 * with its data prepared, so each phase can be tested on its own.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openResultsStore, type RunClaim } from '@cxr/results';
import { presetConfig } from '../config/presets.ts';
import { TrainStateError } from '../errors.ts';
import { claimRun } from './claim-phase.ts';
import { loadRunDataset, prepareRunData, type RunData } from './data-phase.ts';
import { resolveRun, type ResolvedRun } from './resolve-phase.ts';
import type { RunRequest } from './run-request.ts';

/** A claimed run and its prepared data; `close` closes the image cache and the store. */
export interface ClaimedRunFixture {
  run: ResolvedRun;
  claim: RunClaim;
  data: RunData;
  close(): void;
}

/**
 * Resolves, loads, claims and prepares the smoke preset's run (seed 1, backend name 'cpu' unless
 * `extra` says otherwise) with its database (`db`), data and weights under `dir`. The phantom set and
 * image cache are made once per `dir` and reused.
 *
 * @throws TrainStateError when the run is not claimed (done or busy in that database).
 * @example const { run, claim, data, close } = await claimedSmokeRun(tmp.dir); after(close);
 */
export async function claimedSmokeRun(dir: string, extra: Partial<RunRequest> = {}, db = 'smoke.db'): Promise<ClaimedRunFixture> {
  mkdirSync(dir, { recursive: true });
  const store = openResultsStore({ path: join(dir, db) });
  const run = resolveRun({
    config: presetConfig('smoke'),
    seed: 1,
    store,
    backend: 'cpu',
    dataRoot: join(dir, 'data'),
    weightsRoot: join(dir, 'weights'),
    ...extra,
  });
  const dataset = await loadRunDataset(run.config, run.dataRoot);
  const claimed = claimRun(run, dataset.fingerprint);
  if (claimed.status !== 'claimed') {
    store.close();
    throw new TrainStateError('claimedSmokeRun', `the smoke run in ${dir} is ${claimed.status}, not claimable`);
  }
  const data = await prepareRunData(run.config, run.seed, dataset, join(run.dataRoot, 'cache'));
  return {
    run,
    claim: claimed.claim,
    data,
    close: () => {
      data.cache.close();
      store.close();
    },
  };
}
