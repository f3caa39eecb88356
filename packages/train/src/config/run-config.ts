/**
 * The plain-JSON configuration of one training run, as one zod schema: every knob of a run is
 * here, so its canonical JSON (with the seed and dataset fingerprint) identifies the run. The
 * types are inferred from the schema; each sub-section's schema lives with the code that owns it
 * (augmentation and mixing in @cxr/data, losses, schedules) and every name list comes from its
 * registry (backbones, datasets, uncertainty policies, losses, optimisers, monitors). Implementations
 * live elsewhere.
 */
import {
  AUGMENT_CONFIG_SCHEMA,
  CHANNEL_COUNTS,
  CUTMIX_CONFIG_SCHEMA,
  DATASET_NAMES,
  MIXUP_CONFIG_SCHEMA,
  NORMALIZATIONS,
  BALANCE_CONFIG_SCHEMA,
  OVERSAMPLE_CONFIG_SCHEMA,
  PATIENT_FEATURE_NAMES,
  STRATIFICATION_ORDERS,
  SUBSET_CONFIG_SCHEMA,
  UNCERTAINTY_POLICIES,
  WEIGHTED_SAMPLING_CONFIG_SCHEMA,
} from '@cxr/data';
import { BACKBONE_NAMES } from '@cxr/models';
import { z } from 'zod';
import { LOSS_CONFIG_SCHEMA } from '../losses/registry.ts';
import { OPTIMIZER_NAMES } from '../optim/optimizer-names.ts';
import { EARLY_STOPPING_CONFIG_SCHEMA } from '../schedule/early-stopping.ts';
import { FREEZE_THEN_UNFREEZE_CONFIG_SCHEMA } from '../schedule/freeze-then-unfreeze.ts';
import { THRESHOLD_PROCEDURES } from '../schedule/class-thresholds.ts';
import { SCHEDULE_MONITORS } from '../schedule/monitor.ts';
import { PLATEAU_CONFIG_SCHEMA } from '../schedule/plateau.ts';
import { RAMP_SCHEDULE_CONFIG_SCHEMA } from '../schedule/ramp-schedule.ts';
import { CONFIG_EXPECTED } from './schema-path.ts';

const probability = () => z.number().min(0).max(1);
const nonEmpty = () => z.string().min(1);

export const DATASET_CONFIG_SCHEMA = z.strictObject({
  name: z.enum(DATASET_NAMES),
  /** Root of the dataset; null = the phantom set generated under data/phantom/ ('phantom'), data/phantom-nih/ ('nih') or data/phantom-chexpert/ ('chexpert'); real PadChest needs one. */
  dataDir: nonEmpty().nullable(),
  /** Label subset in this order; null = the adapter's default list (PadChest: the thesis' ten). */
  labels: z.array(nonEmpty()).min(1).nullable(),
  /** Views kept; null = the adapter's default (PadChest: PA). */
  projections: z.array(nonEmpty()).min(1).nullable(),
  uncertain: z.enum(UNCERTAINTY_POLICIES),
  /** How the phantom set is generated when name is 'phantom', 'nih' or 'chexpert' and dataDir is null. */
  phantom: z.strictObject({ images: z.int().min(12), size: z.int().min(8), seed: z.int().min(0) }),
  /** A balanced subset drawn from the run seed before the split (seed 003: 300 per label); absent or null = every record. */
  subset: SUBSET_CONFIG_SCHEMA.nullable().optional(),
});

export const SPLIT_CONFIG_SCHEMA = z.strictObject({
  /** train / validation / test fractions of patients. */
  fractions: z.tuple([probability(), probability(), probability()]),
  /** 'run': the split follows the run seed; a number fixes one split for every seed. */
  seed: z.union([z.literal('run'), z.int().min(0)]).register(CONFIG_EXPECTED, { expected: "'run' or an integer seed >= 0" }),
  /** Use the dataset's official test list where it has one. */
  officialTest: z.boolean(),
  /** Iterative stratification of the patients: absent = 'first-order' (labels); 'second-order' balances label pairs first. */
  stratification: z.enum(STRATIFICATION_ORDERS).optional(),
});

export const IMAGE_CONFIG_SCHEMA = z.strictObject({
  size: z.int().min(8),
  channels: z.literal(CHANNEL_COUNTS),
  normalization: z.enum(NORMALIZATIONS),
});

/** One dense layer of the head: units and the dropout rate after it. */
export const HEAD_LAYER_CONFIG_SCHEMA = z.strictObject({ units: z.int().min(1), dropout: z.number().min(0).max(0.99) });

/** Initial backbone weights: seeded random, `cxr pretrain`'s checkpoint, or a folder of converted weights. */
export const INIT_CONFIG_SCHEMA = z
  .union([z.enum(['random', 'pretrained']), z.strictObject({ weights: nonEmpty() })])
  .register(CONFIG_EXPECTED, { expected: `'random', 'pretrained' or {"weights": DIR}` });

export const MODEL_CONFIG_SCHEMA = z.strictObject({
  backbone: z.enum(BACKBONE_NAMES),
  /** Dense ReLU layers between the pooled features and the logits; [] = the logits layer alone (a linear classifier). */
  head: z.array(HEAD_LAYER_CONFIG_SCHEMA),
  init: INIT_CONFIG_SCHEMA,
  /** Top fraction of backbone layers that train (thesis Table 2); 1 = all. */
  unfreeze: probability(),
  /**
   * Seed 000's feature pyramid on the backbone's C3-C5 (densenet121 only): lateral/smoothing
   * `channels` (seed 256), pooled levels -> dense `projection` + ReLU (seed 256). Absent/null = none.
   */
  featurePyramid: z
    .strictObject({ channels: z.int().min(1), projection: z.int().min(1) })
    .nullable()
    .optional(),
  /** Patient data as a second model input, in this order (seed 000: age, sex, view). Absent/null/empty = image only. */
  patientInputs: z.array(z.enum(PATIENT_FEATURE_NAMES)).nullable().optional(),
});

export const OPTIMIZER_CONFIG_SCHEMA = z.strictObject({
  name: z.enum(OPTIMIZER_NAMES),
  /** Head (and from-scratch) learning rate; thesis 1e-3. */
  lrHead: z.number().gt(0),
  /** Backbone learning rate; 'auto' = 1e-4 for pretrained weights, lrHead for random init. */
  lrBackbone: z.union([z.literal('auto'), z.number().gt(0)]).register(CONFIG_EXPECTED, { expected: "'auto' or a number > 0" }),
  /** Decoupled weight decay (adamw only). */
  weightDecay: z.number().min(0),
  beta1: z.number().min(0).max(0.999999),
  beta2: z.number().min(0).max(0.999999999),
  epsilon: z.number().gt(0),
});

export const SCHEDULE_CONFIG_SCHEMA = z.strictObject({
  /** What plateau and early stopping watch. */
  monitor: z.enum(SCHEDULE_MONITORS),
  plateau: PLATEAU_CONFIG_SCHEMA.nullable(),
  earlyStopping: EARLY_STOPPING_CONFIG_SCHEMA.nullable(),
  rampup: RAMP_SCHEDULE_CONFIG_SCHEMA.nullable(),
  freezeThenUnfreeze: FREEZE_THEN_UNFREEZE_CONFIG_SCHEMA.nullable(),
  /** What early stopping and the best-weights choice watch; absent = `monitor` (seed 000: plateau on val_loss, best by val_macro_f1). */
  bestBy: z.enum(SCHEDULE_MONITORS).optional(),
});

/** The schema every resolved RunConfig satisfies (override layers are checked against its deep-partial form). */
export const RUN_CONFIG_SCHEMA = z.strictObject({
  dataset: DATASET_CONFIG_SCHEMA,
  split: SPLIT_CONFIG_SCHEMA,
  image: IMAGE_CONFIG_SCHEMA,
  model: MODEL_CONFIG_SCHEMA,
  loss: LOSS_CONFIG_SCHEMA,
  optimizer: OPTIMIZER_CONFIG_SCHEMA,
  schedule: SCHEDULE_CONFIG_SCHEMA,
  /** Maximum number of epochs. */
  epochs: z.int().min(1),
  batchSize: z.int().min(1),
  evalBatchSize: z.int().min(1),
  /** Cap on training steps per epoch (smoke tests); null = the whole epoch. */
  stepsPerEpoch: z.int().min(1).nullable(),
  sampling: z.strictObject({
    oversample: OVERSAMPLE_CONFIG_SCHEMA.nullable(),
    /** Weighted random sampling with replacement (001); absent or null = none. Not together with oversample. */
    weighted: WEIGHTED_SAMPLING_CONFIG_SCHEMA.nullable().optional(),
    /** Seed 000's No Finding undersampling (every split) and rare-finding replication (training split); absent or null = none. */
    balance: BALANCE_CONFIG_SCHEMA.nullable().optional(),
  }),
  augment: AUGMENT_CONFIG_SCHEMA.nullable(),
  mixup: MIXUP_CONFIG_SCHEMA.nullable(),
  cutmix: CUTMIX_CONFIG_SCHEMA.nullable(),
  /**
   * Per-class thresholds fixed on validation by this procedure (seed 000): thresholded metrics
   * (exact match, Hamming, P/R/F1) are stored for all three procedures, and this one gives the
   * headline `macro_f1` and the val_macro_f1 monitor. Absent/null = no thresholded metrics
   * (val_macro_f1 then uses 'dynamic').
   */
  thresholds: z.enum(THRESHOLD_PROCEDURES).nullable().optional(),
  /**
   * The precision floor of the 'min-precision' and 'dynamic' procedures; absent = 0.30 (seed 000
   * section 2.5.3's default; its own run used 0.40, section 3.1).
   */
  thresholdMinPrecision: z.number().gt(0).max(1).optional(),
});

export type RunConfig = z.output<typeof RUN_CONFIG_SCHEMA>;
export type DatasetConfig = z.output<typeof DATASET_CONFIG_SCHEMA>;
export type SplitConfig = z.output<typeof SPLIT_CONFIG_SCHEMA>;
export type ImageConfig = z.output<typeof IMAGE_CONFIG_SCHEMA>;
export type HeadLayerConfig = z.output<typeof HEAD_LAYER_CONFIG_SCHEMA>;
export type InitConfig = z.output<typeof INIT_CONFIG_SCHEMA>;
export type ModelConfig = z.output<typeof MODEL_CONFIG_SCHEMA>;
export type OptimizerConfig = z.output<typeof OPTIMIZER_CONFIG_SCHEMA>;
export type ScheduleConfig = z.output<typeof SCHEDULE_CONFIG_SCHEMA>;

/** A partial run config: any key may be left out at any depth (arrays are replaced whole). */
export type RunConfigOverrides = DeepPartial<z.input<typeof RUN_CONFIG_SCHEMA>>;

export type DeepPartial<T> = T extends readonly (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
