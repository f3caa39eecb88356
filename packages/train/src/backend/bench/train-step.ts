// The benchmark's training step: forward in training mode (batch norm on batch statistics),
// weighted BCE-with-logits on 0/1 labels, gradients of all trainable weights, one Adam update.
// A minimal local loss on purpose: the trainer's losses live elsewhere in this package.
import * as tf from '@tensorflow/tfjs';

/**
 * Mean over the batch and labels of w_k * BCE(sigmoid(z), y) computed stably from logits z:
 * max(z, 0) - z*y + log(1 + exp(-|z|)) (the form of tf.nn.sigmoid_cross_entropy_with_logits).
 */
export function weightedBceWithLogits(logits: tf.Tensor, labels: tf.Tensor, weights: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const perElement = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    return tf.mean(tf.mul(perElement, weights)) as tf.Scalar;
  });
}

/** A closure running one training step on fixed tensors and returning the loss. */
export function makeTrainStep(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, w: tf.Tensor, optimizer: tf.Optimizer): () => number {
  return () =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => weightedBceWithLogits(model.apply(x, { training: true }) as tf.Tensor, y, w));
      optimizer.applyGradients(grads);
      return value.dataSync()[0]!;
    });
}

/** A closure running one forward pass (inference mode) and waiting for its result. */
export function makeForwardStep(model: tf.LayersModel, x: tf.Tensor): () => number {
  return () => tf.tidy(() => (model.apply(x, { training: false }) as tf.Tensor).dataSync()[0]!);
}
