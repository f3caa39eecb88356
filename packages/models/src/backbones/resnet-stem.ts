/**
 * The parts Keras Applications' ResNet and ResNetV2 share (keras/src/applications/resnet.py,
 * `ResNet`): the 7x7 stride-2 stem with its max pooling, and the classification top. V1 puts batch
 * norm and ReLU after the stem convolution (`preact=False`); V2 leaves them to the first block.
 */
import type { LayerKit, Sym } from './layer-kit.ts';

/** Keras' ResNet batch-norm epsilon (1.001e-5, against the layer default 1e-3). */
export const RESNET_BN = { epsilon: 1.001e-5 };

/** conv1_pad -> conv1_conv (64, 7x7, stride 2, bias) [-> conv1_bn -> conv1_relu] -> pool1_pad -> pool1_pool. */
export function resNetStem(kit: LayerKit, input: Sym, preact: boolean): Sym {
  let x = kit.zeroPad(input, 'conv1_pad', [
    [3, 3],
    [3, 3],
  ]);
  x = kit.conv(x, 'conv1_conv', { filters: 64, kernel: 7, strides: 2 });
  if (!preact) {
    x = kit.bn(x, 'conv1_bn', RESNET_BN);
    x = kit.act(x, 'conv1_relu', 'relu');
  }
  x = kit.zeroPad(x, 'pool1_pad', [
    [1, 1],
    [1, 1],
  ]);
  return kit.maxPool(x, 'pool1_pool', 3, 2);
}

/** Keras' include_top: avg_pool (global average) -> predictions (softmax). */
export function resNetTop(kit: LayerKit, features: Sym, classes: number): Sym {
  return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
}
