/**
 * The plain-JSON configuration of one training run. Every knob of a run is here, so its canonical
 * JSON (with the seed and dataset fingerprint) identifies the run. Implementations live elsewhere.
 */
import type { AugmentConfig, CutmixConfig, DatasetName, MixupConfig, Normalization, OversampleConfig, UncertaintyPolicy } from '@cxr/data';
import type { LossConfig } from '../losses/registry.ts';
import type { EarlyStoppingConfig } from '../schedule/early-stopping.ts';
import type { FreezeThenUnfreezeConfig } from '../schedule/freeze-then-unfreeze.ts';
import type { PlateauConfig } from '../schedule/plateau.ts';
import type { RampScheduleConfig } from '../schedule/ramp-schedule.ts';

export interface DatasetConfig {
  name: DatasetName;
  /** Root of the dataset; null = the phantom set generated under data/phantom/ (phantom only). */
  dataDir: string | null;
  /** Label subset in this order; null = the adapter's default list (PadChest: the thesis' ten). */
  labels: string[] | null;
  /** Views kept; null = the adapter's default (PadChest: PA). */
  projections: string[] | null;
  uncertain: UncertaintyPolicy;
  /** How the phantom set is generated when name is 'phantom' and dataDir is null. */
  phantom: { images: number; size: number; seed: number };
}

export interface SplitConfig {
  /** train / validation / test fractions of patients. */
  fractions: [number, number, number];
  /** 'run': the split follows the run seed; a number fixes one split for every seed. */
  seed: 'run' | number;
  /** Use the dataset's official test list where it has one. */
  officialTest: boolean;
}

export interface ImageConfig {
  size: number;
  channels: 1 | 3;
  normalization: Normalization;
}

/** One dense layer of the head: units and the dropout rate after it. */
export interface HeadLayerConfig {
  units: number;
  dropout: number;
}

export type InitConfig = 'random' | 'pretrained' | { weights: string };

export interface ModelConfig {
  backbone: string;
  head: HeadLayerConfig[];
  init: InitConfig;
  /** Top fraction of backbone layers that train (thesis Table 2); 1 = all. */
  unfreeze: number;
}

export interface OptimizerConfig {
  name: 'adam' | 'adamw';
  /** Head (and from-scratch) learning rate; thesis 1e-3. */
  lrHead: number;
  /** Backbone learning rate; 'auto' = 1e-4 for pretrained weights, lrHead for random init. */
  lrBackbone: number | 'auto';
  /** Decoupled weight decay (adamw only). */
  weightDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export interface ScheduleConfig {
  /** What plateau and early stopping watch. */
  monitor: 'val_macro_auc' | 'val_loss';
  plateau: PlateauConfig | null;
  earlyStopping: EarlyStoppingConfig | null;
  rampup: RampScheduleConfig | null;
  freezeThenUnfreeze: FreezeThenUnfreezeConfig | null;
}

export interface RunConfig {
  dataset: DatasetConfig;
  split: SplitConfig;
  image: ImageConfig;
  model: ModelConfig;
  loss: LossConfig;
  optimizer: OptimizerConfig;
  schedule: ScheduleConfig;
  /** Maximum number of epochs. */
  epochs: number;
  batchSize: number;
  evalBatchSize: number;
  /** Cap on training steps per epoch (smoke tests); null = the whole epoch. */
  stepsPerEpoch: number | null;
  sampling: { oversample: OversampleConfig | null };
  augment: AugmentConfig | null;
  mixup: MixupConfig | null;
  cutmix: CutmixConfig | null;
}

/** A partial run config: any key may be left out at any depth. */
export type RunConfigOverrides = DeepPartial<RunConfig>;

export type DeepPartial<T> = T extends (infer U)[] ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;
