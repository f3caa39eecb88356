/** Custom layers; importing this module registers them for (de)serialisation. */
export { KerasBatchNormalization } from './keras-batch-normalization.ts';
export { KerasReLU } from './keras-relu.ts';
export { SeededDropout, type SeededDropoutArgs } from './seeded-dropout.ts';
export { Rescaling, type RescalingArgs } from './rescaling.ts';
export { KerasNormalization, type KerasNormalizationArgs } from './keras-normalization.ts';
export {
  batchNormTraining,
  batchNormTrainingGrad,
  BATCH_NORM_TRAINING_GRAD_KERNEL,
  CHANNEL_MOMENTS_KERNEL,
  type BatchNormTrainingResult,
} from './batch-norm-training.ts';
