import { LOSS_NAMES } from '../losses/registry.ts';
import type { Schema } from './schema.ts';

const num = (min?: number, max?: number, exclusiveMin = false): Schema => ({ kind: 'number', min, max, exclusiveMin });
const int = (min: number): Schema => ({ kind: 'number', integer: true, min });
const prob: Schema = num(0, 1);
const obj = (fields: Record<string, Schema>): Schema => ({ kind: 'object', fields });
const nullable = (of: Schema): Schema => ({ kind: 'nullable', of });

export const PLATEAU_SCHEMA = obj({ factor: num(0, 1, true), patience: int(0), minDelta: num(0), cooldown: int(0), minLr: num(0) });
export const EARLY_STOPPING_SCHEMA = obj({ patience: int(1), minDelta: num(0) });
export const RAMP_SCHEMA = obj({
  startFactor: num(0),
  minFactor: num(0),
  rampupEpochs: int(0),
  sustainEpochs: int(0),
  decay: num(0, 1, true),
});
export const FREEZE_SCHEMA = obj({ headOnlyEpochs: int(0), factor: num(0, 1, true), minLr: num(0) });
export const AUGMENT_SCHEMA = obj({
  rotationDeg: num(0, 180),
  zoom: num(0, 0.9),
  translate: num(0, 0.5),
  brightness: num(0, 1),
  noise: num(0, 1),
  fill: { kind: 'enum', values: ['reflect', 'constant'] },
});
export const MIXUP_SCHEMA = obj({ alpha: num(0, undefined, true), p: prob });
export const CUTMIX_SCHEMA = obj({ p: prob });
export const OVERSAMPLE_SCHEMA = obj({ maxRepeats: int(1) });
export const PHANTOM_SCHEMA = obj({ images: int(12), size: int(8), seed: int(0) });

/** The schema every resolved RunConfig satisfies (and overrides are checked against, partially). */
export const RUN_CONFIG_SCHEMA: Schema = obj({
  dataset: obj({
    name: { kind: 'enum', values: ['padchest', 'nih', 'chexpert', 'phantom'] },
    dataDir: nullable({ kind: 'string' }),
    labels: nullable({ kind: 'array', of: { kind: 'string' }, minLength: 1 }),
    projections: nullable({ kind: 'array', of: { kind: 'string' }, minLength: 1 }),
    uncertain: { kind: 'enum', values: ['ones', 'zeros', 'ignore'] },
    phantom: PHANTOM_SCHEMA,
  }),
  split: obj({
    fractions: { kind: 'array', of: num(0, 1), length: 3 },
    seed: { kind: 'oneOf', options: [{ kind: 'enum', values: ['run'] }, int(0)], describe: "'run' or an integer seed" },
    officialTest: { kind: 'boolean' },
  }),
  image: obj({ size: int(8), channels: { kind: 'enum', values: [1, 3] }, normalization: { kind: 'enum', values: ['imagenet', 'unit'] } }),
  model: obj({
    backbone: { kind: 'string' },
    head: { kind: 'array', of: obj({ units: int(1), dropout: num(0, 0.99) }), minLength: 1 },
    init: {
      kind: 'oneOf',
      options: [{ kind: 'enum', values: ['random', 'pretrained'] }, obj({ weights: { kind: 'string' } })],
      describe: `'random', 'pretrained' or {"weights": DIR}`,
    },
    unfreeze: prob,
  }),
  loss: obj({ name: { kind: 'enum', values: LOSS_NAMES }, alpha: prob, gamma: num(0), beta: num(0, 0.999999999) }),
  optimizer: obj({
    name: { kind: 'enum', values: ['adam', 'adamw'] },
    lrHead: num(0, undefined, true),
    lrBackbone: {
      kind: 'oneOf',
      options: [{ kind: 'enum', values: ['auto'] }, num(0, undefined, true)],
      describe: "'auto' or a number > 0",
    },
    weightDecay: num(0),
    beta1: num(0, 0.999999),
    beta2: num(0, 0.999999999),
    epsilon: num(0, undefined, true),
  }),
  schedule: obj({
    monitor: { kind: 'enum', values: ['val_macro_auc', 'val_loss'] },
    plateau: nullable(PLATEAU_SCHEMA),
    earlyStopping: nullable(EARLY_STOPPING_SCHEMA),
    rampup: nullable(RAMP_SCHEMA),
    freezeThenUnfreeze: nullable(FREEZE_SCHEMA),
  }),
  epochs: int(1),
  batchSize: int(1),
  evalBatchSize: int(1),
  stepsPerEpoch: nullable(int(1)),
  sampling: obj({ oversample: nullable(OVERSAMPLE_SCHEMA) }),
  augment: nullable(AUGMENT_SCHEMA),
  mixup: nullable(MIXUP_SCHEMA),
  cutmix: nullable(CUTMIX_SCHEMA),
});
