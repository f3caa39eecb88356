// The benchmark's training step is the trainer's own (trainStep: training-mode forward, weighted
// BCE on the logits, leanVariableGrads, GroupedAdam), so a bench figure is what `cxr train` gets
// per batch. Tests that need a linear update (SGD) get the same forward, loss and gradients.
import * as tf from '@tensorflow/tfjs';
import { labelCounts } from '../losses/label-counts.ts';
import { buildLoss, DEFAULT_LOSS, type BoundLoss } from '../losses/registry.ts';
import { GroupedAdam } from '../optim/grouped-adam.ts';
import { leanVariableGrads } from '../step/lean-variable-grads.ts';
import { modelVariables } from '../step/model-variables.ts';
import { trainStep } from '../step/train-step.ts';

export interface BenchStepOptions {
  /** Plain SGD at this learning rate instead of the trainer's Adam (for tests comparing backends). */
  sgdLearningRate?: number;
}

/**
 * A closure running one training step on a fixed batch and returning the loss: the trainer's
 * weighted BCE (weights from the batch's own label counts) and its Adam at lr 1e-3 on every
 * weight, or plain SGD when `sgdLearningRate` is given. Call `dispose` when done.
 * @example const step = makeTrainStep(model, x, y); await step(); step.dispose();
 */
export function makeTrainStep(
  model: tf.LayersModel,
  x: tf.Tensor4D,
  y: tf.Tensor2D,
  options: BenchStepOptions = {},
): (() => Promise<number>) & { dispose(): void } {
  // The loss weights come from the batch's labels, read asynchronously on the first step.
  let bound: Promise<BoundLoss> | null = null;
  const lossOf = () => (bound ??= batchLoss(y));
  const batch = { xs: x, ys: y, mask: null };
  if (options.sgdLearningRate == null) {
    const adam = new GroupedAdam();
    const rates = { head: 1e-3, backbone: 1e-3, weightDecay: 0, phase: 'unfrozen' as const };
    return Object.assign(async () => trainStep(model, adam, await lossOf(), batch, rates), { dispose: () => adam.dispose() });
  }
  const sgd = tf.train.sgd(options.sgdLearningRate);
  const step = async () => {
    const loss = await lossOf();
    const vars = modelVariables(model)
      .filter((v) => v.trainable)
      .map((v) => v.variable);
    const { value, grads } = leanVariableGrads(() => loss.compute(model.apply(x, { training: true }) as tf.Tensor2D, y, null), vars);
    const named: tf.NamedTensorMap = {};
    vars.forEach((v, i) => {
      if (grads[i] != null) named[v.name] = grads[i]!;
    });
    sgd.applyGradients(named);
    try {
      return (await value.data())[0]!;
    } finally {
      tf.dispose([value, ...grads.filter((g): g is tf.Tensor => g != null)]);
    }
  };
  return Object.assign(step, { dispose: () => sgd.dispose() });
}

/** A closure running one forward pass (inference mode) and waiting for its result. */
export function makeForwardStep(model: tf.LayersModel, x: tf.Tensor): () => Promise<number> {
  return async () => {
    const out = tf.tidy(() => model.apply(x, { training: false }) as tf.Tensor);
    try {
      return (await out.data())[0]!;
    } finally {
      out.dispose();
    }
  };
}

async function batchLoss(y: tf.Tensor2D): Promise<BoundLoss> {
  const rows = await y.array();
  return buildLoss({ ...DEFAULT_LOSS }, labelCounts(rows));
}
