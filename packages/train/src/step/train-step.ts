import * as tf from '@tensorflow/tfjs';
import type { BoundLoss } from '../losses/registry.ts';
import type { GroupedAdam, ParamUpdate } from '../optim/grouped-adam.ts';
import type { EpochRates } from '../schedule/learning-rates.ts';
import { leanVariableGrads } from './lean-variable-grads.ts';
import { modelVariables } from './model-variables.ts';

/** A training batch: inputs, (soft) targets, an optional loss mask and a two-input model's tabular input. */
export interface StepBatch {
  xs: tf.Tensor4D;
  ys: tf.Tensor2D;
  mask: tf.Tensor2D | null;
  /** [b, F] patient features, the second input of a two-input model; absent for image-only models. */
  tabular?: tf.Tensor2D;
}

/**
 * What `model.apply` takes for a batch: the images, or [images, tabular] for a two-input model.
 *
 * @example model.apply(modelInputs(batch), { training: false })
 */
export function modelInputs(batch: Pick<StepBatch, 'xs' | 'tabular'>): tf.Tensor | tf.Tensor[] {
  return batch.tabular ? [batch.xs, batch.tabular] : batch.xs;
}

/** Disposes every tensor of a batch. */
export function disposeBatch(batch: StepBatch): void {
  tf.dispose([batch.xs, batch.ys, ...(batch.mask ? [batch.mask] : []), ...(batch.tabular ? [batch.tabular] : [])]);
}

/**
 * One optimisation step: forward pass in training mode (dropout on, batch statistics for
 * trainable batch-norm layers), loss on the logits, gradients of the trainable weights only, and
 * one GroupedAdam update with the head's or the backbone's learning rate per weight. Leaves no
 * tensors behind; the batch stays the caller's.
 *
 * @returns the batch loss (read asynchronously, so every backend can run it).
 * @example const loss = await trainStep(model, optimizer, boundLoss, batch, { head: 1e-3, backbone: 1e-4, weightDecay: 0, phase: 'unfrozen' });
 */
export async function trainStep(
  model: tf.LayersModel,
  optimizer: GroupedAdam,
  loss: BoundLoss,
  batch: StepBatch,
  rates: EpochRates,
): Promise<number> {
  const vars = modelVariables(model).filter((v) => v.trainable);
  // leanVariableGrads, not tf.variableGrads: the latter holds every activation and every
  // intermediate gradient until the backward pass ends (~2x the peak; the wasm heap never shrinks).
  const { value, grads } = leanVariableGrads(
    () => {
      const logits = model.apply(modelInputs(batch), { training: true }) as tf.Tensor2D;
      return loss.compute(logits, batch.ys, batch.mask);
    },
    vars.map((v) => v.variable),
  );
  try {
    const updates: ParamUpdate[] = [];
    vars.forEach((v, i) => {
      const gradient = grads[i];
      if (gradient != null)
        updates.push({
          key: v.key,
          variable: v.variable,
          gradient,
          lr: v.head ? rates.head : rates.backbone,
          weightDecay: rates.weightDecay,
        });
    });
    optimizer.step(updates);
    // An async read: webgpu has no synchronous download under Node (its sync path needs OffscreenCanvas).
    return (await value.data())[0]!;
  } finally {
    value.dispose();
    for (const g of grads) g?.dispose();
  }
}

/**
 * Sets the position of every seeded dropout stream (layers of class 'Dropout' that count their
 * training calls, as @cxr/models' SeededDropout does) to `step`, so a resumed run draws the masks
 * an uninterrupted one would. Each such layer is called once per training step, so its count is
 * the number of steps taken. Walks nested models. Returns how many layers it set.
 *
 * @example setDropoutStep(model, 120) // 2 for a head with two dropout layers
 */
export function setDropoutStep(model: tf.LayersModel, step: number): number {
  let n = 0;
  const visit = (layers: tf.layers.Layer[]) => {
    for (const layer of layers) {
      const inner = (layer as unknown as { layers?: tf.layers.Layer[] }).layers;
      if (Array.isArray(inner)) visit(inner);
      const counted = layer as unknown as { calls?: unknown };
      if (layer.getClassName() === 'Dropout' && typeof counted.calls === 'number') {
        counted.calls = step;
        n++;
      }
    }
  };
  visit(model.layers);
  return n;
}
