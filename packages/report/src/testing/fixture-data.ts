/**
 * The numbers of the report fixture, fixed here so every build of the fixture store - and every
 * report drawn from it - is the same. The metric values are made up for the fixture (shaped like
 * thesis Tables 2 and 5: EfficientNetB0 unfrozen fractions, loss functions); the published values
 * next to them are the thesis' own (../shared/seeds/002, Tables 2 and 5 and the text below them).
 */

/** The labels of the fixture's per-label metrics (three of the thesis' ten PadChest labels). */
export const FIXTURE_LABELS = ['cardiomegaly', 'pleural effusion', 'scoliosis'] as const;

/** The seeds every fixture level plans. */
export const FIXTURE_SEEDS = [1, 2, 3] as const;

/** The dataset fingerprint of every fixture run. */
export const FIXTURE_FINGERPRINT = 'phantom-3000-128px-seed7-5d1c0ffee0ddba11';

/** The first instant of the fixture's clock (ms since the epoch): 2026-01-05 09:00:00 UTC. */
export const FIXTURE_START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);

/** What happens to one planned run when the fixture is built. */
export type FixtureOutcome =
  /** Trained, evaluated and finished. */
  | 'done'
  /** Failed on its first attempt, claimed again and finished: attempts 2, no error left. */
  | 'retried-done'
  /** Failed after recording `epochs` epochs, with `error` as its message. */
  | 'failed'
  /** Claimed and still training: `epochs` epochs recorded, no metrics. */
  | 'running'
  /** Registered, never claimed. */
  | 'pending';

export interface FixtureRunPlan {
  level: string;
  seed: number;
  outcome: FixtureOutcome;
  /** Test AUC-ROC per label, in FIXTURE_LABELS order; the test macro AUC-ROC is their mean. */
  labelAuc?: readonly [number, number, number];
  /** Test macro PR-AUC. */
  prAuc?: number;
  /** Test Brier score. */
  brier?: number;
  /** Epochs recorded before it failed or while it runs (done runs record FixtureExperimentPlan.epochs). */
  epochs?: number;
  error?: string;
}

export interface FixtureLevelPlan {
  label: string;
  /** The config's keys that differ from the experiment's base config (shallow per top-level key). */
  changes: Record<string, unknown>;
  params: { total: number; trainable: number };
}

export interface FixtureExperimentPlan {
  name: string;
  description: string;
  epochs: number;
  base: Record<string, unknown>;
  levels: FixtureLevelPlan[];
  runs: FixtureRunPlan[];
}

const DATASET = { name: 'phantom', dataDir: null, phantom: { images: 3000, seed: 7, size: 128 }, labels: null };

/** The resolved base of the unfreeze levels: EfficientNetB0, ImageNet init, 512/0.20 head (thesis Table 2's setup). */
export const UNFREEZE_BASE: Record<string, unknown> = {
  dataset: DATASET,
  image: { size: 224, channels: 3, normalization: 'imagenet' },
  model: { backbone: 'efficientnet_b0', init: 'pretrained', unfreeze: 0.9, head: [{ units: 512, dropout: 0.2 }] },
  loss: { name: 'weighted-bce' },
  epochs: 3,
};

/** The resolved base of the loss levels: the same, with the 256/0.30 -> 128/0.30 head (thesis Table 5's setup). */
export const LOSS_BASE: Record<string, unknown> = {
  ...UNFREEZE_BASE,
  model: {
    backbone: 'efficientnet_b0',
    init: 'pretrained',
    unfreeze: 0.9,
    head: [
      { units: 256, dropout: 0.3 },
      { units: 128, dropout: 0.3 },
    ],
  },
};

const model = (base: Record<string, unknown>, unfreeze: number) => ({ ...(base.model as Record<string, unknown>), unfreeze });
const TOTAL = 5_330_571;

export const FIXTURE_UNFREEZE: FixtureExperimentPlan = {
  name: 'fixture-unfreeze',
  description: 'Fixture: fraction of EfficientNetB0 layers unfrozen (shaped like thesis Table 2)',
  epochs: 3,
  base: UNFREEZE_BASE,
  levels: [
    { label: '0 %', changes: { model: model(UNFREEZE_BASE, 0) }, params: { total: TOTAL, trainable: 402_442 } },
    { label: '50 %', changes: { model: model(UNFREEZE_BASE, 0.5) }, params: { total: TOTAL, trainable: 2_903_114 } },
    { label: '90 %', changes: {}, params: { total: TOTAL, trainable: 5_004_330 } },
    { label: '100 %', changes: { model: model(UNFREEZE_BASE, 1) }, params: { total: TOTAL, trainable: TOTAL } },
  ],
  runs: [
    { level: '0 %', seed: 1, outcome: 'done', labelAuc: [0.64, 0.598, 0.585], prAuc: 0.108, brier: 0.0912 },
    { level: '0 %', seed: 2, outcome: 'done', labelAuc: [0.655, 0.61, 0.59], prAuc: 0.115, brier: 0.0905 },
    { level: '0 %', seed: 3, outcome: 'done', labelAuc: [0.63, 0.605, 0.6], prAuc: 0.101, brier: 0.0921 },
    { level: '50 %', seed: 1, outcome: 'done', labelAuc: [0.742, 0.7, 0.676], prAuc: 0.162, brier: 0.085 },
    { level: '50 %', seed: 2, outcome: 'failed', epochs: 2, error: 'loss diverged: train loss NaN at epoch 3 (learning rate 1e-4)' },
    { level: '50 %', seed: 3, outcome: 'pending' },
    { level: '90 %', seed: 1, outcome: 'done', labelAuc: [0.781, 0.742, 0.7], prAuc: 0.188, brier: 0.0801 },
    { level: '90 %', seed: 2, outcome: 'retried-done', labelAuc: [0.77, 0.735, 0.712], prAuc: 0.179, brier: 0.0812 },
    { level: '90 %', seed: 3, outcome: 'done', labelAuc: [0.776, 0.73, 0.705], prAuc: 0.186, brier: 0.0807 },
    { level: '100 %', seed: 1, outcome: 'done', labelAuc: [0.772, 0.733, 0.698], prAuc: 0.181, brier: 0.0815 },
    { level: '100 %', seed: 2, outcome: 'done', labelAuc: [0.769, 0.741, 0.69], prAuc: 0.176, brier: 0.0809 },
    { level: '100 %', seed: 3, outcome: 'running', epochs: 2 },
  ],
};

const loss = (spec: Record<string, unknown>) => ({ loss: spec });
const LOSS_PARAMS = { total: 5_661_379, trainable: 5_335_138 };

export const FIXTURE_LOSS: FixtureExperimentPlan = {
  name: 'fixture-loss',
  description: 'Fixture: loss functions against label imbalance (shaped like thesis Table 5)',
  epochs: 3,
  base: LOSS_BASE,
  levels: [
    { label: 'weighted-bce', changes: {}, params: LOSS_PARAMS },
    { label: 'focal_a0.20_g2.5', changes: loss({ name: 'focal', alpha: 0.2, gamma: 2.5 }), params: LOSS_PARAMS },
    { label: 'class-balanced focal', changes: loss({ name: 'class-balanced-focal', beta: 0.999, gamma: 2.5 }), params: LOSS_PARAMS },
  ],
  runs: [
    { level: 'weighted-bce', seed: 1, outcome: 'done', labelAuc: [0.795, 0.752, 0.718], prAuc: 0.205, brier: 0.079 },
    { level: 'weighted-bce', seed: 2, outcome: 'done', labelAuc: [0.79, 0.76, 0.705], prAuc: 0.198, brier: 0.0795 },
    { level: 'weighted-bce', seed: 3, outcome: 'done', labelAuc: [0.8, 0.748, 0.712], prAuc: 0.21, brier: 0.0788 },
    { level: 'focal_a0.20_g2.5', seed: 1, outcome: 'done', labelAuc: [0.77, 0.735, 0.69], prAuc: 0.181, brier: 0.0951 },
    { level: 'focal_a0.20_g2.5', seed: 2, outcome: 'done', labelAuc: [0.782, 0.728, 0.7], prAuc: 0.172, brier: 0.0962 },
    { level: 'focal_a0.20_g2.5', seed: 3, outcome: 'done', labelAuc: [0.765, 0.74, 0.695], prAuc: 0.186, brier: 0.0948 },
    { level: 'class-balanced focal', seed: 1, outcome: 'done', labelAuc: [0.779, 0.741, 0.699], prAuc: 0.186, brier: 0.0902 },
    { level: 'class-balanced focal', seed: 2, outcome: 'done', labelAuc: [0.775, 0.745, 0.702], prAuc: 0.183, brier: 0.0899 },
    { level: 'class-balanced focal', seed: 3, outcome: 'done', labelAuc: [0.781, 0.736, 0.694], prAuc: 0.19, brier: 0.0911 },
  ],
};

/** Both fixture experiments, in the order the store registers them. */
export const FIXTURE_PLANS: readonly FixtureExperimentPlan[] = [FIXTURE_UNFREEZE, FIXTURE_LOSS];
