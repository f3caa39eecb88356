/**
 * Seed 001 (../shared/seeds/001_47d104f4cd4dca24.txt): CheXpert transfer learning with the
 * uncertainty labels mapped to 0 (U-Zeros) or 1 (U-Ones), DenseNet121 against ResNet101, with its
 * protocol (sections 2.2-4): frontal images only, an 80/10/10 split by second-order iterative
 * stratification, weighted random sampling, three epochs head-only then the top layers unfrozen
 * with learning rate and weight decay x 0.1 (not below 1e-6), AdamW, ReduceLROnPlateau (patience
 * < 5), early stopping on validation mean AUROC with patience 5, at most 10 epochs, batch 32, and
 * a five-trial search over AdamW's learning rate and weight decay, the plateau patience and the
 * drop rate. Youden thresholds per label are fixed on validation by `cxr report` (thresholds.json).
 *
 * Reference columns: the seed's Table 1 (lines 552-568) and the baseline columns of its Table 2
 * (lines 572-579, which the seed quotes from the CheXpert paper, its reference [3]).
 *
 * Assumptions (the seed does not say): the 512/0.20 head of PAPER_CONFIG (the seed replaces the
 * classifier by one layer; our head keeps a dense layer, whose dropout stands in for DenseNet121's
 * drop rate); the top fraction unfrozen for "DenseBlock4" / "Layer4" (16 of DenseNet121's 58 dense
 * layers ~ 0.28; 3 of ResNet101's 33 bottleneck blocks ~ 0.09); plain BCE written as focal with
 * alpha 0.5 and gamma 0 (= BCE / 2, which Adam-type updates do not feel); AdamW's PyTorch default
 * weight decay 1e-2 and plateau patience 2 before the search; no augmentation (the seed names none);
 * the search on the DenseNet121 U-Ones level (the seed tunes "DenseNet121's drop rate").
 */
import type { ReferenceColumn } from '@cxr/report';
import type { ExperimentDefinition, ExperimentLevel } from './definition.ts';
import { THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

const SEED = 'seed 001 (../shared/seeds/001_47d104f4cd4dca24.txt)';

/** Table 1 (lines 553-566) per label: [ResNetTL-U0, ResNetTL-U1, DenseNetTL-U0, DenseNetTL-U1]. */
const TABLE1: Readonly<Record<string, readonly [number, number, number, number]>> = {
  'No Finding': [0.86, 0.88, 0.85, 0.86],
  'Enlarged Cardiomediastinum': [0.63, 0.66, 0.64, 0.64],
  Cardiomegaly: [0.82, 0.86, 0.83, 0.84],
  'Lung Opacity': [0.7, 0.72, 0.69, 0.7],
  'Lung Lesion': [0.73, 0.79, 0.73, 0.74],
  Edema: [0.81, 0.83, 0.81, 0.81],
  Consolidation: [0.69, 0.68, 0.69, 0.67],
  Pneumonia: [0.7, 0.7, 0.69, 0.64],
  Atelectasis: [0.66, 0.65, 0.64, 0.62],
  Pneumothorax: [0.81, 0.84, 0.8, 0.79],
  'Pleural Effusion': [0.83, 0.86, 0.83, 0.84],
  'Pleural Other': [0.78, 0.87, 0.76, 0.82],
  Fracture: [0.74, 0.81, 0.72, 0.75],
  'Support Devices': [0.83, 0.86, 0.82, 0.83],
};

/** Table 2's baseline columns (lines 573-577): [Baseline-U0, Baseline-U1]; Edema's U1 is printed "0,94". */
const TABLE2_BASELINES: Readonly<Record<string, readonly [number, number]>> = {
  Atelectasis: [0.81, 0.86],
  Cardiomegaly: [0.84, 0.83],
  Consolidation: [0.93, 0.9],
  Edema: [0.93, 0.94],
  'Pleural Effusion': [0.93, 0.93],
};

function column(name: string, source: string, table: Readonly<Record<string, readonly number[]>>, i: number): ReferenceColumn {
  return { name, source, auc: Object.fromEntries(Object.entries(table).map(([label, row]) => [label, row[i]!])) };
}

const TABLE1_SOURCE = `${SEED}, Table 1 (lines 552-568)`;
const TABLE2_SOURCE = `CheXpert paper (Irvin et al. 2019) as quoted in ${SEED}, Table 2 (lines 572-579)`;

/** The reference Table 9-style comparison is against (Delta = ours - it): the seed's better baseline. */
export const SEED001_BASELINE_U1 = column('Baseline-U1', TABLE2_SOURCE, TABLE2_BASELINES, 1);

/** The seed's own four models (Table 1) and the U-Zeros baseline (Table 2), quoted beside it. */
export const SEED001_QUOTED_COLUMNS: readonly ReferenceColumn[] = [
  column('ResNetTL-U0', TABLE1_SOURCE, TABLE1, 0),
  column('ResNetTL-U1', TABLE1_SOURCE, TABLE1, 1),
  column('DenseNetTL-U0', TABLE1_SOURCE, TABLE1, 2),
  column('DenseNetTL-U1', TABLE1_SOURCE, TABLE1, 3),
  column('Baseline-U0', TABLE2_SOURCE, TABLE2_BASELINES, 0),
];

/**
 * The weighted random sampler (section 2.2.4: draws with replacement, probabilities from inverse
 * class counts): an image weighs the largest 1/count of its positive labels; one epoch draws as
 * many images as the training split holds.
 */
const WEIGHTED_SAMPLING = { combine: 'max', samplesPerEpoch: null } as const;

type Family = 'DenseNet121' | 'ResNet101';
const FAMILY: Record<Family, { backbone: string; unfreeze: number; smoke: string; standIn: string }> = {
  DenseNet121: { backbone: 'densenet121', unfreeze: 0.28, smoke: 'cnn3', standIn: 'custom-densenet' },
  ResNet101: { backbone: 'resnet101', unfreeze: 0.09, smoke: 'cnn5', standIn: 'custom-resnet' },
};

function level(family: Family, policy: 'zeros' | 'ones'): ExperimentLevel {
  const f = FAMILY[family];
  return {
    label: `${family} U-${policy === 'zeros' ? 'Zeros' : 'Ones'}`,
    regime: family,
    override: { dataset: { uncertain: policy }, model: { backbone: f.backbone, unfreeze: f.unfreeze } },
    // smoke: two small CNNs from random weights; default: the same families at CNN size (see the profile note in the description)
    profiles: {
      smoke: { model: { backbone: f.smoke } },
      default: { model: { backbone: f.standIn } },
    },
  };
}

export const seed001Uncertainty: ExperimentDefinition = {
  name: 'seed001-uncertainty',
  title: 'CheXpert transfer learning: U-Zeros vs U-Ones, DenseNet121 vs ResNet101',
  thesisTable: null,
  factor: 'backbone x uncertainty policy',
  description:
    'Seed 001: DenseNet121 and ResNet101 fine-tuned on CheXpert (frontal views) with uncertain labels mapped to 0 (U-Zeros) or 1 (U-Ones); second-order stratified 80/10/10 split, weighted random sampling, 3 epochs head-only then the top block unfrozen, AdamW, ReduceLROnPlateau, early stopping on validation mean AUROC (patience 5), at most 10 epochs, batch 32; a 5-trial random search over learning rate, weight decay, plateau patience and dropout on DenseNet121 U-Ones, its best replicated over three seeds. Under the default profile the CheXpert-layout phantom at 32 px and CNN-size members of the two families stand in (on two CPU cores the full networks do not learn within the budget).',
  paramsColumn: 'total',
  base: {
    dataset: { name: 'chexpert', dataDir: null, labels: null, projections: ['Frontal'] },
    split: { fractions: [0.8, 0.1, 0.1], stratification: 'second-order' },
    model: { init: 'pretrained' },
    loss: { name: 'focal', alpha: 0.5, gamma: 0 },
    optimizer: { name: 'adamw', weightDecay: 1e-2 },
    schedule: {
      monitor: 'val_macro_auc',
      plateau: { patience: 2, factor: 0.1 },
      earlyStopping: { patience: 5 },
      freezeThenUnfreeze: { headOnlyEpochs: 3, factor: 0.1, minLr: 1e-6 },
    },
    epochs: 10,
    batchSize: 32,
    sampling: { oversample: null, weighted: WEIGHTED_SAMPLING },
    augment: null,
    mixup: null,
    cutmix: null,
  },
  profiles: {
    smoke: {
      dataset: { name: 'chexpert', dataDir: null, phantom: { images: 200, size: 32, seed: 1 } },
      schedule: { freezeThenUnfreeze: { headOnlyEpochs: 1 } },
    },
    default: {
      // the CheXpert-layout phantom; the global default profile's 32 px, short epochs and no augmentation stay
      dataset: { name: 'chexpert', dataDir: null, phantom: { images: 2000, size: 64, seed: 0 } },
      epochs: 8,
      stepsPerEpoch: 16,
      schedule: { freezeThenUnfreeze: { headOnlyEpochs: 2 } },
    },
  },
  levels: [level('DenseNet121', 'zeros'), level('DenseNet121', 'ones'), level('ResNet101', 'zeros'), level('ResNet101', 'ones')],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  comparisons: [
    // the seed's claim (section 4, after Table 1): U-Ones slightly above U-Zeros, per backbone
    { kind: 'pair', a: 'DenseNet121 U-Ones', b: 'DenseNet121 U-Zeros' },
    { kind: 'pair', a: 'ResNet101 U-Ones', b: 'ResNet101 U-Zeros' },
    // what the search bought over the untuned protocol
    { kind: 'pair', a: 'best', b: 'DenseNet121 U-Ones' },
  ],
  search: {
    params: {
      'optimizer.lrHead': { kind: 'log-uniform', min: 1e-4, max: 1e-2 },
      'optimizer.weightDecay': { kind: 'log-uniform', min: 1e-5, max: 1e-1 },
      // the seed keeps the plateau patience below the early-stopping patience of 5 (section 3.2)
      'schedule.plateau.patience': { kind: 'integer', min: 1, max: 4 },
      'model.head.0.dropout': { kind: 'uniform', min: 0, max: 0.5 },
    },
    trials: 5,
    seed: 1,
    metric: 'macro_auc_roc',
    levels: ['DenseNet121 U-Ones'],
  },
  clinical: {
    reference: SEED001_BASELINE_U1,
    extraReferences: SEED001_QUOTED_COLUMNS.map((c) => ({ ...c, auc: { ...c.auc } })),
    levels: ['DenseNet121 U-Zeros', 'DenseNet121 U-Ones', 'ResNet101 U-Zeros', 'ResNet101 U-Ones', 'best'],
  },
};
