import { THESIS_AUGMENT } from '@cxr/data';
import { TrainConfigError } from '../errors.ts';
import { DEFAULT_LOSS } from '../losses/registry.ts';
import { DEFAULT_EARLY_STOPPING } from '../schedule/early-stopping.ts';
import { DEFAULT_PLATEAU } from '../schedule/plateau.ts';
import { didYouMean } from './did-you-mean.ts';
import type { RunConfig } from './run-config.ts';

/**
 * The 'paper' profile: the thesis protocol (002, Methods) - 224 px, gray replicated to 3 channels
 * with ImageNet normalisation, EfficientNetB0 pretrained with the top 90 % unfrozen and a 512/0.20
 * head, weighted BCE with logits, Adam at 1e-3 (head) and 1e-4 (backbone), up to 50 epochs, early
 * stopping on validation macro AUC-ROC (patience 20), ReduceLROnPlateau (patience 8), the basic
 * augmentation. Choices the thesis leaves open are marked "assumption" below.
 */
export const PAPER_CONFIG: RunConfig = {
  dataset: {
    name: 'padchest',
    dataDir: null,
    labels: null,
    projections: null,
    uncertain: 'zeros',
    phantom: { images: 600, size: 64, seed: 2024 },
  },
  // assumption: 70/10/20 patients; one split shared by every seed so seeds vary only training randomness
  split: { fractions: [0.7, 0.1, 0.2], seed: 0, officialTest: false },
  image: { size: 224, channels: 3, normalization: 'imagenet' },
  model: { backbone: 'efficientnetb0', head: [{ units: 512, dropout: 0.2 }], init: 'pretrained', unfreeze: 0.9 },
  loss: { ...DEFAULT_LOSS },
  optimizer: { name: 'adam', lrHead: 1e-3, lrBackbone: 'auto', weightDecay: 0, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
  schedule: {
    monitor: 'val_macro_auc',
    // assumption: Keras' default factor 0.1 and min_delta 1e-4; the thesis gives only the patience
    plateau: { ...DEFAULT_PLATEAU, patience: 8 },
    earlyStopping: { ...DEFAULT_EARLY_STOPPING, patience: 20 },
    rampup: null,
    freezeThenUnfreeze: null,
  },
  epochs: 50,
  batchSize: 32, // assumption: Keras' default batch size
  evalBatchSize: 64,
  stepsPerEpoch: null,
  sampling: { oversample: null },
  augment: { ...THESIS_AUGMENT },
  mixup: null,
  cutmix: null,
};

/** Defaults for sections that are null in a base config and switched on by a partial override. */
export const SECTION_DEFAULTS: Record<string, unknown> = {
  'schedule.plateau': { ...DEFAULT_PLATEAU },
  'schedule.earlyStopping': { ...DEFAULT_EARLY_STOPPING },
  // assumption: the common build_lrfn values of seed 004's family, as factors of the peak rate
  'schedule.rampup': { startFactor: 0.1, minFactor: 0.05, rampupEpochs: 5, sustainEpochs: 0, decay: 0.8 },
  'schedule.freezeThenUnfreeze': { headOnlyEpochs: 3, factor: 0.1, minLr: 1e-6 },
  // assumption: "moderate" oversampling = an image at most twice per epoch
  'sampling.oversample': { maxRepeats: 2 },
  // assumption: 001 gives no rule for images with several findings; max of 1/count, one epoch = the split's size
  'sampling.weighted': { combine: 'max', samplesPerEpoch: null },
  augment: { ...THESIS_AUGMENT },
  mixup: { alpha: 0.4, p: 0.5 },
  cutmix: { p: 0.5 },
};

const intermediate: RunConfig = {
  ...PAPER_CONFIG,
  model: {
    ...PAPER_CONFIG.model,
    head: [
      { units: 256, dropout: 0.3 },
      { units: 128, dropout: 0.3 },
    ],
  },
  sampling: { oversample: { maxRepeats: 2 } },
};

/**
 * Named presets. 'thesis-intermediate' is the thesis' internal reference (EfficientNetB0, 90 %
 * unfrozen, 256/0.30 -> 128/0.30 head, weighted BCE, moderate oversampling; Table 6); 'thesis-final'
 * is its selected model (MobileNetV2 with the same head and oversampling, basic augmentation +
 * CutMix; Tables 7-8; assumption: CutMix on half of the samples). 'smoke' is a tiny CNN-3 at 32 px
 * on 160 phantom images, two short epochs, for tests and CI.
 */
export const PRESETS: Readonly<Record<string, RunConfig>> = Object.freeze({
  paper: PAPER_CONFIG,
  'thesis-intermediate': intermediate,
  'thesis-final': { ...intermediate, model: { ...intermediate.model, backbone: 'mobilenetv2' }, cutmix: { p: 0.5 } },
  smoke: {
    ...PAPER_CONFIG,
    dataset: { ...PAPER_CONFIG.dataset, name: 'phantom', phantom: { images: 160, size: 32, seed: 7 } },
    split: { fractions: [0.6, 0.2, 0.2], seed: 0, officialTest: false },
    image: { size: 32, channels: 1, normalization: 'unit' },
    model: { backbone: 'cnn3', head: [{ units: 16, dropout: 0.2 }], init: 'random', unfreeze: 1 },
    schedule: { ...PAPER_CONFIG.schedule, plateau: { ...DEFAULT_PLATEAU, patience: 1 } },
    epochs: 2,
    batchSize: 16,
    evalBatchSize: 64,
    stepsPerEpoch: 4,
    cutmix: { p: 0.5 },
  },
});

export const PRESET_NAMES = Object.keys(PRESETS);

/**
 * A deep copy of a preset.
 *
 * @throws TrainConfigError for an unknown name, listing the presets.
 * @example presetConfig('smoke').model.backbone // 'cnn3'
 */
export function presetConfig(name: string): RunConfig {
  const preset = PRESETS[name];
  if (!preset)
    throw new TrainConfigError(
      'presetConfig',
      'preset',
      `unknown preset ${JSON.stringify(name)}${didYouMean(String(name), PRESET_NAMES)}; valid presets: ${PRESET_NAMES.join(', ')}`,
    );
  return structuredClone(preset);
}
