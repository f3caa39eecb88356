/**
 * Keras' ReLU layer with `max_value = 6` as one Relu6 op. tfjs-layers' ReLU runs relu and then
 * clipByValue: two full-size passes forward and two gradient masks backward, on every activation
 * of MobileNetV2. Values are the same (min(max(x, 0), 6)); other settings use the tfjs layer
 * unchanged. Registered under tfjs' own class name, so saved model.json files stay loadable by
 * plain tfjs (this process then also deserialises 'ReLU' into this class).
 */
import * as tf from '@tensorflow/tfjs';
import type { ReLU } from '@tensorflow/tfjs-layers/dist/layers/advanced_activations.js';

type Kwargs = Record<string, unknown>;

// As for batch norm: subclass the very class the tfjs bundle uses (only its factory is exported).
const ReLUBase = tf.layers.reLU({}).constructor as unknown as typeof ReLU;

export class KerasReLU extends ReLUBase {
  static override className = 'ReLU';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if ((this as unknown as { maxValue: number | null }).maxValue === 6) return tf.relu6(x);
    return super.call(inputs, kwargs);
  }
}
tf.serialization.registerClass(KerasReLU);
