/**
 * Seed 004 (../shared/seeds/004_750858fd0b45de5c.txt): a U-Net classifier with residual blocks on
 * NIH ChestX-ray14, with its protocol: grayscale input (Method, "convert them to grayscale"),
 * samplewise centring and standardisation, augmentation by rotation 3 degrees, reflect fill,
 * horizontal flip, width / height shifts 0.1 / 0.05 and zoom 0.15 (ImageDataGenerator, Method),
 * Adam, the ramp-up / sustain / exponential-decay learning rate ("build_lrfn"), binary accuracy and
 * AUC, 15 outputs (the fourteen findings and No Finding), a 70/30 train/validation split.
 * The ablation the seed did not run: the same U-Net without the residual blocks, three seeds, Welch.
 *
 * The schedule read off Table 1 (lines 546-565): epoch 1 at 2e-6, a linear ramp of 1.225e-5 per
 * epoch to 1e-4 at epoch 9, no sustain, then x 0.8 per epoch (epoch 10 8e-5 ... epoch 17
 * 1.677721e-5, exact with lr_min 0): lr 1e-4, startFactor 0.02, rampupEpochs 8, sustainEpochs 0,
 * decay 0.8, minFactor 0. Table 1 stops at epoch 17 of "100 epochs" with the lowest validation loss
 * at epoch 15: early stopping on val_loss with patience 2 and at most 100 epochs reproduce that.
 *
 * Reference columns: Table 2 (lines 629-646): Wang et al. (ChestX-ray8 paper, the seed's [1]) and
 * Yao et al. (the seed's [2]), both as the seed quotes them, and the seed's own model. Wang et al.
 * has no No Finding value ("--"), so it is left out there.
 *
 * Assumptions (the seed does not say): 256 px (its IMAGE_SIZE is not given; a U-Net needs a multiple
 * of 16); batch 32 (Keras' default); the split by patient, with our 20 % patient-level test split
 * drawn first and the rest 70/30 (fractions 0.56 / 0.24 / 0.20; the seed splits images and reports
 * on validation); the classification layer on the decoder output as our head of one 128-unit layer,
 * dropout 0.2, after global average pooling; Keras' binary_crossentropy written as focal alpha 0.5,
 * gamma 0 (= BCE / 2, which Adam does not feel); the U-Net's filters scaled by 1/4 (@cxr/models unet.ts).
 */
import { NIH_LABELS } from '@cxr/data';
import type { ReferenceColumn } from '@cxr/report';
import type { ExperimentDefinition } from './definition.ts';
import { THESIS_SEEDS } from './thesis-choices.ts';

const TABLE2_SOURCE = 'seed 004 (../shared/seeds/004_750858fd0b45de5c.txt), Table 2 (lines 629-646)';

/** Table 2 (lines 632-646) per label: [Wang et al., Yao et al., the seed's model]; null = "--". */
const TABLE2: Readonly<Record<string, readonly [number | null, number, number]>> = {
  Atelectasis: [0.716, 0.772, 0.72],
  Cardiomegaly: [0.807, 0.904, 0.74],
  Effusion: [0.784, 0.859, 0.77],
  Infiltration: [0.609, 0.695, 0.66],
  Mass: [0.706, 0.792, 0.66],
  Nodule: [0.671, 0.717, 0.6],
  Pneumonia: [0.633, 0.713, 0.81],
  Pneumothorax: [0.806, 0.841, 0.7],
  Consolidation: [0.708, 0.788, 0.75],
  Edema: [0.835, 0.882, 0.9],
  Emphysema: [0.815, 0.829, 0.78],
  Fibrosis: [0.769, 0.767, 0.65],
  Pleural_Thickening: [0.708, 0.765, 0.62], // printed "Pleural Thickening"; NIH's label spells it with '_'
  Hernia: [0.767, 0.914, 0.83],
  'No Finding': [null, 0.76, 0.72],
};

function column(name: string, source: string, i: 0 | 1 | 2): ReferenceColumn {
  const auc: Record<string, number> = {};
  for (const [label, row] of Object.entries(TABLE2)) if (row[i] !== null) auc[label] = row[i]!;
  return { name, source, auc };
}

/** Wang et al.'s column, the reference the report's Delta is taken against. */
export const SEED004_WANG = column('Wang et al.', `Wang et al. 2017 (ChestX-ray8) as quoted in ${TABLE2_SOURCE}`, 0);

/** Yao et al.'s column and the seed's own model, quoted beside it. */
export const SEED004_QUOTED_COLUMNS: readonly ReferenceColumn[] = [
  column('Yao et al.', `Yao et al. 2017 as quoted in ${TABLE2_SOURCE}`, 1),
  column('Seed 004 residual U-Net', TABLE2_SOURCE, 2),
];

/** The seed's augmentation (ImageDataGenerator settings, Method): no brightness or noise. */
export const SEED004_AUGMENT = Object.freeze({
  rotationDeg: 3,
  zoom: 0.15,
  translate: 0.1,
  translateX: 0.1,
  translateY: 0.05,
  brightness: 0,
  noise: 0,
  fill: 'reflect',
  flip: true,
} as const);

export const seed004Unet: ExperimentDefinition = {
  name: 'seed004-unet',
  title: 'Residual U-Net classifier on NIH ChestX-ray14, with and without the residual blocks',
  thesisTable: null,
  factor: 'residual blocks in the U-Net',
  description:
    "Seed 004: a U-Net encoder-decoder with residual blocks and a classification head on the decoder output, one gray channel, samplewise centring and standardisation, rotation 3 degrees, reflect fill, width/height shift 0.1/0.05, zoom 0.15, horizontal flip; Adam with the ramp-up (2e-6 to 1e-4 over 8 epochs) and x0.8 per epoch decay schedule, early stopping on validation loss (patience 2); 15 outputs with No Finding; 70/30 train/validation of the patients outside our 20 % patient-level test split. The ablation the seed did not run: the same U-Net without residual blocks. Per-label AUC beside the seed's Table 2 columns (Wang et al., Yao et al., its own model). The default profile reads the NIH-layout phantom at 32 px with a compressed schedule.",
  paramsColumn: 'total',
  base: {
    dataset: { name: 'nih', dataDir: null, labels: [...NIH_LABELS, 'No Finding'], projections: null },
    split: { fractions: [0.56, 0.24, 0.2], seed: 'run', officialTest: false },
    image: { size: 256, channels: 1, normalization: 'samplewise' },
    model: { head: [{ units: 128, dropout: 0.2 }], init: 'random', unfreeze: 1 },
    loss: { name: 'focal', alpha: 0.5, gamma: 0 },
    optimizer: { name: 'adam', lrHead: 1e-4, lrBackbone: 'auto' },
    schedule: {
      monitor: 'val_loss',
      plateau: null,
      earlyStopping: { patience: 2 },
      rampup: { startFactor: 0.02, minFactor: 0, rampupEpochs: 8, sustainEpochs: 0, decay: 0.8 },
      freezeThenUnfreeze: null,
    },
    epochs: 100,
    batchSize: 32,
    sampling: { oversample: null },
    augment: { ...SEED004_AUGMENT },
    mixup: null,
    cutmix: null,
  },
  profiles: {
    smoke: {
      dataset: { name: 'nih', dataDir: null, phantom: { images: 160, size: 32, seed: 1 } },
      image: { size: 32, channels: 1, normalization: 'samplewise' },
      schedule: { rampup: { rampupEpochs: 1 } },
    },
    default: {
      // the NIH-layout phantom at 32 px, 800 rows (the U-Net's full-resolution decoder makes every
      // validation pass cost); the ramp compressed to 3 epochs, as the run has 10 short ones
      dataset: { name: 'nih', dataDir: null, phantom: { images: 800, size: 64, seed: 0 } },
      image: { size: 32, channels: 1, normalization: 'samplewise' },
      model: { head: [{ units: 32, dropout: 0.2 }] },
      optimizer: { lrHead: 3e-3 },
      schedule: { rampup: { rampupEpochs: 3 }, earlyStopping: { patience: 4 } },
      epochs: 10,
      stepsPerEpoch: 8,
      augment: { ...SEED004_AUGMENT },
    },
  },
  levels: [
    { label: 'Residual U-Net', regime: 'U-Net', override: { model: { backbone: 'residual-unet' } } },
    { label: 'U-Net', regime: 'U-Net', override: { model: { backbone: 'unet' } } },
  ],
  seeds: [...THESIS_SEEDS],
  metrics: ['macro_auc_roc', 'binary_accuracy', 'macro_pr_auc'],
  comparisons: [{ kind: 'pair', a: 'Residual U-Net', b: 'U-Net' }],
  clinical: {
    reference: SEED004_WANG,
    extraReferences: SEED004_QUOTED_COLUMNS.map((c) => ({ ...c, auc: { ...c.auc } })),
    levels: ['Residual U-Net', 'U-Net'],
  },
};
