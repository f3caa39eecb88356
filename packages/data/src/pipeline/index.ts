// Public exports of the pipeline part of @cxr/data (re-exported by ../index.ts): decode and
// preprocess, the on-disk image cache, seeded epoch order with oversampling or weighted random
// sampling, augmentation, MixUp/CutMix and tfjs batches.
export { decodeToGray, scale16To8, type CropFn, type DecodeOptions } from './decode.ts';
export {
  BadImagesError,
  LISTED_IMAGE_PROBLEMS,
  checkImages,
  describeImageProblems,
  type CheckImagesOptions,
  type ImageDecoder,
  type ImageProblemKind,
} from './check-images.ts';
export { buildImageCache, createMemoryImageCache, type BuildImageCacheOptions, type ImageCache } from './image-cache.ts';
export {
  OVERSAMPLE_CONFIG_SCHEMA,
  epochImageCount,
  epochOrder,
  oversampleRepeats,
  type EpochOrderOptions,
  type OversampleConfig,
} from './epoch-order.ts';
export {
  WEIGHT_COMBINES,
  WEIGHTED_SAMPLING_CONFIG_SCHEMA,
  samplingWeights,
  weightedDraw,
  type WeightedSamplingConfig,
} from './weighted-sampling.ts';
export {
  AUGMENT_CONFIG_SCHEMA,
  AUGMENT_FILLS,
  THESIS_AUGMENT,
  augmentInto,
  checkAugmentConfig,
  copyUnitInto,
  sampleAugmentParams,
  type AugmentConfig,
  type AugmentParams,
} from './augment.ts';
export {
  CUTMIX_CONFIG_SCHEMA,
  MIXUP_CONFIG_SCHEMA,
  checkMixConfig,
  planMixing,
  type CutmixConfig,
  type MixPlan,
  type MixupConfig,
} from './mixing.ts';
export {
  CHANNEL_COUNTS,
  IMAGENET_MEAN,
  NORMALIZATIONS,
  IMAGENET_STD,
  epochSteps,
  evalBatches,
  trainBatches,
  type Batch,
  type ChannelCount,
  type EvalBatchesOptions,
  type Normalization,
  type PipelineConfig,
  type TrainBatchesOptions,
} from './batches.ts';
export {
  BALANCE_CONFIG_SCHEMA,
  balanceIndices,
  balanceTrainingSplit,
  type BalanceConfig,
  type BalancedSplit,
  type BalanceOptions,
  type BalancePurpose,
} from './balance.ts';
export { AGE_SCALE_YEARS, MISSING_FEATURE, PATIENT_FEATURE_NAMES, patientFeatures, type PatientFeatureName } from './patient-features.ts';
