/**
 * Evaluates a functional model's graph eagerly from chosen symbolic tensors, so a computation can
 * start at an intermediate feature map (Grad-CAM differentiates the logits with respect to it).
 * tfjs-layers keeps its own executor private; this walks each symbolic tensor's producing layer
 * and its inputs, memoised by tensor id, and calls the layers in inference mode.
 */
import * as tf from '@tensorflow/tfjs';

/** Concrete values fed for symbolic tensors, by SymbolicTensor.id. */
export type SymbolicFeed = Map<number, tf.Tensor>;

/**
 * The concrete value of `target` given `feed`. Layers run with `training: false` (dropout off,
 * batch normalisation on its moving statistics). Call inside tf.tidy: intermediates are not disposed.
 *
 * @throws Error when `target` depends on a model input missing from `feed`.
 * @example evaluateSymbolic(model.outputs[0], new Map([[model.inputs[0].id, x]]))
 */
export function evaluateSymbolic(target: tf.SymbolicTensor, feed: SymbolicFeed): tf.Tensor {
  const memo = new Map<number, tf.Tensor>(feed);
  const visit = (s: tf.SymbolicTensor): tf.Tensor => {
    const known = memo.get(s.id);
    if (known) return known;
    if (s.inputs.length === 0) throw new Error(`evaluateSymbolic: input '${s.name}' has no value in the feed`);
    const ins = s.inputs.map(visit);
    const out = s.sourceLayer.apply(ins.length === 1 ? ins[0]! : ins, { ...s.callArgs, training: false }) as tf.Tensor | tf.Tensor[];
    const value = Array.isArray(out) ? out[s.tensorIndex ?? 0]! : out;
    memo.set(s.id, value);
    return value;
  };
  return visit(target);
}
