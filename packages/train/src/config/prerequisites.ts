/**
 * What a resolved config needs on disk before a run may start: checked before a backend is chosen,
 * the database opened or a run claimed, so a missing folder never leaves a failed run behind.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { GENERATED_DATASETS, generatedPhantomLayout } from '@cxr/data';
import { TrainConfigError } from '../errors.ts';
import { pretrainedWeightsDir } from './pretrained-weights-dir.ts';
import type { RunConfig } from './run-config.ts';

/**
 * Why a dataset without a folder cannot be read: the message of TrainConfigError('dataset.dataDir').
 * @example needsFolderMessage('padchest') // "the padchest dataset needs a folder: pass --data-dir DIR (only 'phantom', 'nih', 'chexpert' are generated)"
 */
export function needsFolderMessage(dataset: string): string {
  return `the ${dataset} dataset needs a folder: pass --data-dir DIR (only ${GENERATED_DATASETS.map((n) => `'${n}'`).join(', ')} are generated)`;
}

/** Options of checkRunPrerequisites. */
export interface PrerequisiteOptions {
  /** Root of weights/pretrained (runExperiment's weightsRoot; default 'weights'). */
  weightsRoot?: string;
}

/**
 * Checks that the folders a run will read exist: the pretrained backbone weights for
 * `init: 'pretrained'` (where `cxr pretrain` saves them), the folder of `init: {weights: DIR}`, and
 * the dataset folder (real PadChest needs one; 'phantom', 'nih' and 'chexpert' without one are generated). Cheap: a few
 * stat calls, no file is read.
 *
 * @throws TrainConfigError naming the key and the missing folder, and saying what to do.
 * @example checkRunPrerequisites(presetConfig('smoke'), { weightsRoot: 'weights' }) // passes: random init, generated phantom data
 */
export function checkRunPrerequisites(config: RunConfig, options: PrerequisiteOptions = {}): void {
  const fn = 'checkRunPrerequisites';
  const { model, image, dataset } = config;
  if (model.init === 'pretrained') {
    const dir = pretrainedWeightsDir(options.weightsRoot ?? 'weights', model.backbone, image.size, image.channels);
    if (!isDirectory(dir)) {
      throw new TrainConfigError(
        fn,
        'model.init',
        `no pretrained ${model.backbone} weights for ${image.size} px, ${image.channels} channel(s) at ${resolve(dir)}; ` +
          `make them with: npx cxr pretrain --backbone ${model.backbone} --size ${image.size} --channels ${image.channels}, ` +
          `or train from scratch with --set model.init=random`,
      );
    }
  } else if (model.init !== 'random' && !isDirectory(model.init.weights)) {
    throw new TrainConfigError(
      fn,
      'model.init.weights',
      `the weights folder ${resolve(model.init.weights)} does not exist; give the folder of converted weights (tfjs layers format), or use init 'random' or 'pretrained'`,
    );
  }
  if (dataset.dataDir === null && generatedPhantomLayout(dataset.name) === undefined) {
    throw new TrainConfigError(fn, 'dataset.dataDir', needsFolderMessage(dataset.name));
  }
  if (dataset.dataDir !== null && !isDirectory(dataset.dataDir)) {
    throw new TrainConfigError(fn, 'dataset.dataDir', `the ${dataset.name} data folder ${resolve(dataset.dataDir)} does not exist`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
