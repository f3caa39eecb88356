import * as tf from '@tensorflow/tfjs';
import { TrainArgumentError } from '../errors.ts';

/*
 * Multi-label losses on logits z with (soft) targets y in [0, 1] and an optional 0/1 mask (0 =
 * label ignored, e.g. CheXpert U-Ignore). Every log-probability goes through softplus, which is
 * stable for any finite z: log σ(z) = -softplus(-z), log(1 - σ(z)) = -softplus(z). Each returns the
 * mean over unmasked entries (eq. 23; 1/(N·K) when there is no mask).
 */

/**
 * Weighted binary cross-entropy with logits (thesis eq. 22-23):
 * ℓ = w_i (max(z,0) - z·y + ln(1 + e^{-|z|})) = w_i (softplus(z) - z·y).
 * Gradient w.r.t. z is w_i (σ(z) - y). Same as PyTorch's `BCEWithLogitsLoss(weight=w)` with mean
 * reduction.
 *
 * @throws TrainArgumentError on shape mismatches.
 * @example weightedBce(tf.tensor2d([[0]]), tf.tensor2d([[1]])) // scalar ln 2 = 0.6931
 */
export function weightedBce(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  weights: Float32Array | null = null,
  mask: tf.Tensor2D | null = null,
): tf.Scalar {
  check('weightedBce', logits, targets, weights, mask);
  return tf.tidy(() => {
    let l: tf.Tensor = tf.sub(tf.softplus(logits), tf.mul(logits, targets));
    if (weights) l = tf.mul(l, tf.tensor1d(weights));
    return reduceMasked(l, mask);
  });
}

/**
 * Binary cross-entropy with a positive-class weight per label (PyTorch `pos_weight`):
 * ℓ = pw_i·y·softplus(-z) + (1 - y)·softplus(z).
 *
 * @example posWeightBce(tf.tensor2d([[0]]), tf.tensor2d([[1]]), Float32Array.of(2)) // 2 ln 2
 */
export function posWeightBce(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  posWeights: Float32Array,
  mask: tf.Tensor2D | null = null,
): tf.Scalar {
  check('posWeightBce', logits, targets, posWeights, mask);
  return tf.tidy(() => {
    const pos = tf.mul(tf.mul(targets, tf.tensor1d(posWeights)), tf.softplus(tf.neg(logits)));
    const neg = tf.mul(tf.sub(1, targets), tf.softplus(logits));
    return reduceMasked(tf.add(pos, neg), mask);
  });
}

/**
 * Focal loss (Lin et al. 2017; thesis eq. 25) generalised to soft targets:
 * ℓ = α·y·(1-p)^γ·(-log p) + (1-α)·(1-y)·p^γ·(-log(1-p)), p = σ(z), with the modulating factors
 * computed as exp(-γ·softplus(±z)) so nothing overflows. `labelWeights` (if given) multiplies each
 * label's term - that is the class-balanced variant (eq. 26) when alpha is null.
 *
 * @param alpha weight of the positive term (negatives get 1 - alpha); null = no α_t factor.
 * @throws TrainArgumentError when gamma < 0 or alpha is outside [0, 1].
 * @example focalLoss(tf.tensor2d([[0]]), tf.tensor2d([[1]]), {alpha: 0.25, gamma: 2}) // 0.25·0.25·ln 2
 */
export function focalLoss(
  logits: tf.Tensor2D,
  targets: tf.Tensor2D,
  options: { alpha: number | null; gamma: number; labelWeights?: Float32Array | null },
  mask: tf.Tensor2D | null = null,
): tf.Scalar {
  const { alpha, gamma } = options;
  if (!(gamma >= 0)) throw new TrainArgumentError('focalLoss', 'gamma', 'a number >= 0', gamma);
  if (alpha !== null && !(alpha >= 0 && alpha <= 1))
    throw new TrainArgumentError('focalLoss', 'alpha', 'null or a number in [0, 1]', alpha);
  check('focalLoss', logits, targets, options.labelWeights ?? null, mask);
  return tf.tidy(() => {
    const spPos = tf.softplus(tf.neg(logits)); // -log p
    const spNeg = tf.softplus(logits); // -log(1 - p)
    const modPos = tf.exp(tf.mul(-gamma, spNeg)); // (1 - p)^γ
    const modNeg = tf.exp(tf.mul(-gamma, spPos)); // p^γ
    let pos = tf.mul(tf.mul(targets, modPos), spPos);
    let neg = tf.mul(tf.mul(tf.sub(1, targets), modNeg), spNeg);
    if (alpha !== null) {
      pos = tf.mul(pos, alpha);
      neg = tf.mul(neg, 1 - alpha);
    }
    let l: tf.Tensor = tf.add(pos, neg);
    if (options.labelWeights) l = tf.mul(l, tf.tensor1d(options.labelWeights));
    return reduceMasked(l, mask);
  });
}

/** Mean over entries where mask is 1 (all entries without a mask); 0 when everything is masked. */
function reduceMasked(l: tf.Tensor, mask: tf.Tensor2D | null): tf.Scalar {
  if (!mask) return tf.mean(l);
  return tf.div(tf.sum(tf.mul(l, mask)), tf.maximum(tf.sum(mask), 1));
}

function check(fn: string, logits: tf.Tensor, targets: tf.Tensor, weights: Float32Array | null, mask: tf.Tensor | null): void {
  if (logits.rank !== 2)
    throw new TrainArgumentError(fn, 'logits', 'a rank-2 tensor [batch, labels]', `shape [${logits.shape.join(', ')}]`);
  if (!tf.util.arraysEqual(logits.shape, targets.shape)) {
    throw new TrainArgumentError(fn, 'targets', `shape [${logits.shape.join(', ')}] like logits`, `shape [${targets.shape.join(', ')}]`);
  }
  if (mask && !tf.util.arraysEqual(logits.shape, mask.shape)) {
    throw new TrainArgumentError(fn, 'mask', `shape [${logits.shape.join(', ')}] like logits`, `shape [${mask.shape.join(', ')}]`);
  }
  if (weights && weights.length !== logits.shape[1])
    throw new TrainArgumentError(fn, 'weights', `${logits.shape[1]} values (one per label)`, weights);
}
