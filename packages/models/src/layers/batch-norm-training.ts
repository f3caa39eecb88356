/**
 * Batch normalisation in training mode (batch statistics over every axis but the last) with one
 * hand-derived backward pass instead of tfjs' autodiff through moments and batchNorm.
 *
 * Autodiff differentiates y = batchNorm(x, mean(x), var(x)) op by op: the batch-norm gradient,
 * then two full-size broadcasts back through the two means, the square and the subtraction, and
 * three full-size additions - seven passes over the activation per layer, the largest cost of a
 * MobileNetV2 training step on CPU. The closed form (Ioffe & Szegedy 2015, section 3) needs two:
 *   dbeta = sum(dy), dgamma = sum(dy * xhat),
 *   dx = gamma * r / M * (M * dy - sum(dy) - xhat * sum(dy * xhat)),  r = 1 / sqrt(var + eps),
 * with M the number of values per channel. A backend may register a fused kernel under
 * BATCH_NORM_TRAINING_GRAD_KERNEL (this project's wasm kernels do); elsewhere the closed form runs
 * as ordinary tfjs ops. The forward pass is tfjs-layers' own (moments, then batchNorm).
 */
import * as tf from '@tensorflow/tfjs';

/** Kernel name of the optional fused backward pass: inputs x, dy, mean, variance, gamma;
 * attr varianceEpsilon; outputs [dx, dgamma, dbeta]. */
export const BATCH_NORM_TRAINING_GRAD_KERNEL = 'CxrBatchNormTrainingGrad';

/** Kernel name of optional fused batch statistics: input x; outputs [mean, variance], each [C]
 * over all axes but the last (variance biased). Used only in the forward pass (no gradient). */
export const CHANNEL_MOMENTS_KERNEL = 'CxrChannelMoments';

export interface BatchNormTrainingResult {
  /** The normalised, scaled and shifted input. */
  y: tf.Tensor;
  /** Batch mean per channel, shape [C] (for the moving averages; no gradient flows through it). */
  mean: tf.Tensor1D;
  /** Batch variance per channel (biased, as Keras and tfjs-layers normalise with), shape [C]. */
  variance: tf.Tensor1D;
}

/**
 * Normalises `x` with its batch statistics over all axes but the last and applies `gamma` and
 * `beta` (each [C]); gradients flow to x, gamma and beta through the closed-form backward pass.
 * @example const { y, mean, variance } = batchNormTraining(x, gamma, beta, 1e-3);
 */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): BatchNormTrainingResult {
  const axes = [...Array(x.rank - 1).keys()];
  let mean: tf.Tensor1D | undefined;
  let variance: tf.Tensor1D | undefined;
  const normalise = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xt, g, b, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const moments = channelMoments(xt, axes);
    // The engine runs this in a tidy; keep the statistics and hand them to the caller's scope below.
    mean = tf.keep(moments.mean);
    variance = tf.keep(moments.variance);
    const value = tf.batchNorm(xt, mean, variance, b, g, epsilon);
    save([xt, mean, variance, g]);
    return {
      value,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [sx, sMean, sVar, sGamma] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
        return batchNormTrainingGrad(dy as tf.Tensor, sx, sMean, sVar, sGamma, epsilon);
      },
    };
  });
  const y = normalise(x, gamma, beta);
  const owned = { y, mean: mean!.clone(), variance: variance!.clone() };
  tf.dispose([mean!, variance!]);
  return owned;
}

function channelMoments(x: tf.Tensor, axes: number[]): { mean: tf.Tensor1D; variance: tf.Tensor1D } {
  if (tf.getKernel(CHANNEL_MOMENTS_KERNEL, tf.getBackend()) != null && x.dtype === 'float32') {
    const [mean, variance] = tf
      .engine()
      .runKernel(CHANNEL_MOMENTS_KERNEL, { x } as unknown as tf.NamedTensorMap, {}) as unknown as tf.Tensor1D[];
    return { mean: mean!, variance: variance! };
  }
  const m = tf.moments(x, axes);
  return { mean: m.mean as tf.Tensor1D, variance: m.variance as tf.Tensor1D };
}

/**
 * [dx, dgamma, dbeta] of batchNormTraining for upstream gradient `dy`: the backend's fused kernel
 * when it registers one, else the closed form as tfjs ops.
 */
export function batchNormTrainingGrad(
  dy: tf.Tensor,
  x: tf.Tensor,
  mean: tf.Tensor1D,
  variance: tf.Tensor1D,
  gamma: tf.Tensor1D,
  epsilon: number,
): tf.Tensor[] {
  if (tf.getKernel(BATCH_NORM_TRAINING_GRAD_KERNEL, tf.getBackend()) != null && x.dtype === 'float32' && dy.dtype === 'float32') {
    const inputs = { x, dy, mean, variance, gamma } as unknown as tf.NamedTensorMap;
    return tf.engine().runKernel(BATCH_NORM_TRAINING_GRAD_KERNEL, inputs, { varianceEpsilon: epsilon }) as unknown as tf.Tensor[];
  }
  return tf.tidy(() => {
    const axes = [...Array(x.rank - 1).keys()];
    const m = x.size / x.shape[x.rank - 1]!;
    const r = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(tf.sub(x, mean), r);
    const sumDy = tf.sum(dy, axes);
    const sumDyXhat = tf.sum(tf.mul(dy, xhat), axes);
    const inner = tf.sub(tf.sub(tf.mul(dy, m), sumDy), tf.mul(xhat, sumDyXhat));
    const dx = tf.mul(inner, tf.div(tf.mul(gamma, r), m));
    return [dx, sumDyXhat, sumDy];
  });
}
