/**
 * Seed 003 (../shared/seeds/003_69902dd1853c730c.txt): lightweight CNNs for multi-label NIH
 * ChestX-ray14, with its protocol: a balanced subset of 300 images per finding (section "Data
 * preprocessing" step 3; 15 classes, No Finding its own output), split 64/16/20 (step 4),
 * 224 px, ImageNet normalisation (section on transforms: resize 256, centre crop 224, mean/std),
 * batch 16, AlexNet and ResNet18 as transfer models (every layer frozen, the final layer trained)
 * and the seed's custom AlexNet (batch norm, random init), custom ResNet and custom DenseNet from
 * scratch; Adam, BCE, learning rate {0.001, 0.0005} x epochs {15, 30}; the checkpoint with the
 * lowest validation loss kept; per-class accuracy, precision, recall and F1 at 0.5.
 *
 * How the grid maps to levels: the five models at the cell the seed recommends (lr 0.0005, 30
 * epochs: "trained on lower learning rates on a higher number of epochs", Conclusion) are levels
 * under every profile; the other three cells per model (15 levels) run only under 'paper'
 * (`inProfiles`), so the paper sweep is the full 5 x 2 x 2 grid and default / smoke train the
 * recommended cell alone.
 *
 * Assumptions (the seed does not say, or our config cannot say it): the split is by patient with
 * our first-order iterative stratification (the seed stratifies images with train_test_split);
 * the subset and the split follow the run seed, so each of the three seeds draws its own 300 per
 * class; "the final layer" of the transfer models is our logits layer alone (head [], on the
 * globally pooled last feature map: for ResNet18 torchvision's fc, for AlexNet a linear layer on
 * pool5 in place of fc8 after fc6/fc7, which our backbone leaves out as Keras' VGG16 does), trained
 * over the frozen backbone (unfreeze 0); the from-scratch nets get one 64-unit head layer; the
 * backbones are pretrained on the phantom source set (`cxr pretrain`; give converted ImageNet
 * weights with init {weights} for the seed's own transfer); plain BCE written as focal alpha 0.5, gamma 0 (= BCE / 2, which
 * Adam does not feel); "lowest validation loss" as early stopping on val_loss with a patience no
 * run reaches (its best epoch's weights are kept); no augmentation (the seed names none).
 */
import { NIH_LABELS } from '@cxr/data';
import type { RunConfigOverrides } from '@cxr/train';
import type { ExperimentDefinition, ExperimentLevel } from './definition.ts';
import { THESIS_SEEDS } from './thesis-choices.ts';

/** The seed's 15 outputs: NIH's fourteen findings and No Finding. */
export const SEED003_LABELS: readonly string[] = Object.freeze([...NIH_LABELS, 'No Finding']);

/** The seed's learning rates and epoch counts (section "Training"; Appendix B's figure list). */
export const SEED003_GRID = Object.freeze({ lr: [0.001, 0.0005] as const, epochs: [15, 30] as const });

/** The grid cell every profile runs (the seed's recommendation); the other cells run under 'paper'. */
export const SEED003_BEST_CELL = Object.freeze({ lr: 0.0005, epochs: 30 });

const TRANSFER = { init: 'pretrained', unfreeze: 0 } as const;
const SCRATCH = { init: 'random', unfreeze: 1 } as const;

/** [label, backbone, transfer or from scratch], in the seed's order. */
const MODELS: readonly (readonly [string, string, typeof TRANSFER | typeof SCRATCH])[] = [
  ['AlexNet', 'alexnet', TRANSFER],
  ['ResNet18', 'resnet18', TRANSFER],
  ['Custom AlexNet', 'custom-alexnet', SCRATCH],
  ['Custom ResNet', 'custom-resnet', SCRATCH],
  ['Custom DenseNet', 'custom-densenet', SCRATCH],
];

function level(label: string, backbone: string, init: typeof TRANSFER | typeof SCRATCH, lr: number, epochs: number): ExperimentLevel {
  const best = lr === SEED003_BEST_CELL.lr && epochs === SEED003_BEST_CELL.epochs;
  // the seed's transfer: every backbone layer frozen, a new final layer (no hidden head layer) trained
  const head = init.init === 'pretrained' ? { head: [] } : {};
  const override: RunConfigOverrides = { model: { backbone, ...init, ...head }, optimizer: { lrHead: lr }, epochs };
  return {
    label: best ? label : `${label} lr ${lr} ${epochs} ep`,
    regime: init.init === 'pretrained' ? 'transfer (frozen)' : 'from scratch',
    override,
    // smoke: every model at its real architecture, two short epochs, no pretraining needed
    profiles: { smoke: { model: { init: 'random' }, epochs: 2 } },
    ...(best ? {} : { inProfiles: ['paper'] }),
  };
}

export const seed003Lightweight: ExperimentDefinition = {
  name: 'seed003-lightweight',
  title: 'Lightweight CNNs on a balanced NIH subset: AlexNet, ResNet18 and custom nets',
  thesisTable: null,
  factor: 'model (x learning rate x epochs under paper)',
  description:
    'Seed 003: a balanced subset of 300 NIH ChestX-ray14 images per finding (15 outputs with No Finding), patient-level 64/16/20 split; AlexNet and ResNet18 frozen with a trained final layer, and the custom AlexNet (batch norm), ResNet and DenseNet from scratch; Adam, BCE, batch 16, the lowest-validation-loss epoch kept; accuracy, precision, recall and F1 at threshold 0.5 per class, AUC beside them. The paper profile runs the learning rate {0.001, 0.0005} x epochs {15, 30} grid; smoke and default the cell the seed recommends (0.0005, 30 epochs). The default profile reads the NIH-layout phantom at 32 px with 60 images per class.',
  paramsColumn: 'total',
  base: {
    dataset: { name: 'nih', dataDir: null, labels: [...SEED003_LABELS], projections: null, subset: { perClass: 300 } },
    split: { fractions: [0.64, 0.16, 0.2], seed: 'run', officialTest: false },
    image: { size: 224, channels: 3, normalization: 'imagenet' },
    model: { head: [{ units: 64, dropout: 0 }] },
    loss: { name: 'focal', alpha: 0.5, gamma: 0 },
    optimizer: { name: 'adam', lrBackbone: 'auto' },
    schedule: { monitor: 'val_loss', plateau: null, earlyStopping: { patience: 1000 }, rampup: null, freezeThenUnfreeze: null },
    epochs: SEED003_BEST_CELL.epochs,
    batchSize: 16,
    sampling: { oversample: null },
    augment: null,
    mixup: null,
    cutmix: null,
  },
  profiles: {
    smoke: {
      dataset: { name: 'nih', dataDir: null, phantom: { images: 160, size: 32, seed: 1 }, subset: { perClass: 12 } },
      split: { fractions: [0.64, 0.16, 0.2] },
    },
    default: {
      // the NIH-layout phantom; 60 per class keeps 15 runs (+ two pretrainings) near ten minutes on two cores
      dataset: { name: 'nih', dataDir: null, phantom: { images: 1500, size: 64, seed: 0 }, subset: { perClass: 60 } },
      image: { size: 32, channels: 3, normalization: 'imagenet' },
      stepsPerEpoch: 4,
      optimizer: { lrBackbone: 1e-3 },
    },
  },
  levels: MODELS.flatMap(([label, backbone, init]) =>
    SEED003_GRID.lr.flatMap((lr) => SEED003_GRID.epochs.map((epochs) => level(label, backbone, init, lr, epochs))),
  ).sort((a, b) => Number(a.inProfiles !== undefined) - Number(b.inProfiles !== undefined)),
  seeds: [...THESIS_SEEDS],
  metrics: ['macro_auc_roc', 'macro_f1_05', 'macro_recall_05', 'macro_precision_05', 'binary_accuracy'],
  comparisons: [
    // the ranking: the best model against the next, then the seed's three claims (Results)
    { kind: 'best-vs-next' },
    { kind: 'pair', a: 'AlexNet', b: 'ResNet18' },
    { kind: 'pair', a: 'AlexNet', b: 'Custom AlexNet' },
    { kind: 'pair', a: 'Custom AlexNet', b: 'ResNet18' },
    { kind: 'pair', a: 'Custom DenseNet', b: 'Custom AlexNet' },
    { kind: 'pair', a: 'Custom ResNet', b: 'Custom AlexNet' },
    // the seed's learning-rate claim (0.0005 better than 0.001), under paper
    { kind: 'pair', a: 'AlexNet', b: 'AlexNet lr 0.001 30 ep' },
  ],
  correction: 'holm',
};
