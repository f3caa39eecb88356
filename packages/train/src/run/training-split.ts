import { balanceTrainingSplit, deriveSeed, type BalancedSplit } from '@cxr/data';
import type { RunConfig } from '../config/run-config.ts';
import type { RunData } from './data-phase.ts';

/**
 * The training entries a run trains on in `epoch`: with `sampling.balance`, seed 000's balanced
 * split (No Finding kept in part, rare findings copied - mirrored with `mirrorDuplicates` - up to
 * the floors, then `trainKeep`'s undersampling), drawn afresh per epoch from the run's stream 'data'; else the training split as is.
 * The fit phase trains on it and the model phase counts its labels for the loss weights (seed 000
 * section 2.4: weights from the observations of the balanced training set).
 *
 * @throws DataArgumentError from balanceTrainingSplit on a bad balance config.
 * @example trainingSplit(config, data, 1, 0).indices.length // the epoch's image count
 */
export function trainingSplit(config: RunConfig, data: RunData, runSeed: number, epoch: number): BalancedSplit {
  const balance = config.sampling.balance ?? null;
  if (!balance) return { indices: data.split.train, mirrored: data.split.train.map(() => false) };
  return balanceTrainingSplit({
    indices: data.split.train,
    targets: data.targets,
    labelNames: data.labelNames,
    config: balance,
    seed: deriveSeed(runSeed, 'data'),
    epoch,
  });
}
