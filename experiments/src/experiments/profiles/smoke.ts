/**
 * The smoke profile: every cell in seconds, for the test suite and CI. It takes the data, input,
 * schedule and length of @cxr/train's 'smoke' preset (160 phantom images at 32 px, one gray
 * channel in [0, 1], two epochs of four batches) and a CNN-3 with a 16-unit head from random
 * weights, so nothing needs pretraining - unless a level sets its own init (Table 3's
 * 'Pretrained', Table 1's fine-tuned rows), which wins over the profile.
 */
import { presetConfig } from '@cxr/train';
import type { Profile } from '../definition.ts';

const smoke = presetConfig('smoke');

export const smokeProfile: Profile = {
  name: 'smoke',
  description: 'seconds per run: 160 phantom images at 32 px, CNN-3 with a 16-unit head from random weights, 2 epochs of 4 batches',
  // only what size and speed need, so a definition's other choices (labels, schedules, mixing) survive
  override: {
    dataset: { name: smoke.dataset.name, phantom: smoke.dataset.phantom },
    split: { fractions: smoke.split.fractions },
    image: smoke.image,
    model: { backbone: smoke.model.backbone, head: smoke.model.head, init: smoke.model.init },
    schedule: { plateau: { patience: smoke.schedule.plateau!.patience } },
    epochs: smoke.epochs,
    batchSize: smoke.batchSize,
    evalBatchSize: smoke.evalBatchSize,
    stepsPerEpoch: smoke.stepsPerEpoch,
  },
  // the smallest source set cxr pretrain takes is 20 images; 40 keep a validation split meaningful
  pretrain: { images: 40, epochs: 1, batchSize: 16, seed: 0 },
};
