/** Forward-pass cost estimate from layer output shapes. */
import type * as tf from '@tensorflow/tfjs';

const KERNEL_LAYERS = new Set(['Conv2D', 'DepthwiseConv2D', 'Dense', 'Conv2DTranspose']);

/**
 * Estimated forward FLOPs for one image: 2 x the multiply-accumulates (MACs) of convolution,
 * depthwise convolution and dense layers, i.e. FLOPs = 2 * MACs, with MACs = (output positions)
 * x (kernel size), the kernel size being kh*kw*Cin*Cout, kh*kw*C*multiplier or in*out (a transposed
 * convolution: input positions x kh*kw*Cin*Cout). Batch norm,
 * activations, pooling, additions, biases and the squeeze-excitation multiply are ignored (a few
 * per cent). The usual published figures are MACs (MobileNetV2 at 224 px: ~300 M; ResNet50V2:
 * ~3.5 G; EfficientNetB0: ~0.39 G; DenseNet121: ~2.9 G); halve this value to compare.
 *
 * @example estimateFlops(buildBackbone('mobilenetv2', { inputSize: 224, channels: 3, seed: 0 })) // ~6.0e8
 */
export function estimateFlops(model: tf.LayersModel): number {
  let macs = 0;
  for (const layer of model.layers) {
    if (!KERNEL_LAYERS.has(layer.getClassName())) continue;
    const kernel = layer.weights.find((w) => /(^|\/)(depthwise_)?kernel(_\d+)?$/.test(w.originalName));
    if (!kernel) continue;
    // A transposed convolution spreads each input position over the whole kernel.
    const shape = (layer.getClassName() === 'Conv2DTranspose' ? (layer.input as tf.SymbolicTensor).shape : layer.outputShape) as (
      number | null
    )[];
    const positions = shape.slice(1, -1).reduce((p: number, d) => p * (d ?? 1), 1);
    macs += positions * kernel.shape.reduce((p: number, d) => p * (d ?? 1), 1);
  }
  return 2 * macs;
}
