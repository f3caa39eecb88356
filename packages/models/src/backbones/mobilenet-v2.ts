/**
 * MobileNetV2 (alpha 1.0) following keras.applications.MobileNetV2 layer for layer, with its
 * layer names (Conv1, bn_Conv1, expanded_conv_*, block_{i}_*, Conv_1, out_relu), so weights
 * converted from Keras load by name. Reference: Sandler et al. 2018; Keras
 * keras/src/applications/mobilenet_v2.py. Without top: 2,257,984 parameters (3 channels).
 */
import type { BackboneDef } from './backbone-def.ts';
import { channelsOf, correctPad, sideOf, type LayerKit, type Sym } from './layer-kit.ts';

const BN = { epsilon: 1e-3, momentum: 0.999 };

/** (filters, stride, expansion) of the 17 inverted residual blocks, block_id = index. */
const BLOCKS: [number, number, number][] = [
  [16, 1, 1],
  [24, 2, 6],
  [24, 1, 6],
  [32, 2, 6],
  [32, 1, 6],
  [32, 1, 6],
  [64, 2, 6],
  [64, 1, 6],
  [64, 1, 6],
  [64, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [160, 2, 6],
  [160, 1, 6],
  [160, 1, 6],
  [320, 1, 6],
];

/** Keras' _make_divisible: round to a multiple of `divisor`, never more than 10 % down. */
export function makeDivisible(v: number, divisor: number): number {
  let out = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (out < 0.9 * v) out += divisor;
  return out;
}

function invertedResBlock(kit: LayerKit, inputs: Sym, filters: number, stride: number, expansion: number, id: number): Sym {
  const inChannels = channelsOf(inputs);
  const pointwise = makeDivisible(filters, 8);
  let x = inputs;
  let prefix = `block_${id}_`;
  if (id) {
    x = kit.conv(x, `${prefix}expand`, { filters: expansion * inChannels, kernel: 1, padding: 'same', useBias: false });
    x = kit.bn(x, `${prefix}expand_BN`, BN);
    x = kit.relu6(x, `${prefix}expand_relu`);
  } else {
    prefix = 'expanded_conv_';
  }
  if (stride === 2) x = kit.zeroPad(x, `${prefix}pad`, correctPad(sideOf(x), 3));
  x = kit.depthwise(x, `${prefix}depthwise`, { kernel: 3, strides: stride, useBias: false, padding: stride === 1 ? 'same' : 'valid' });
  x = kit.bn(x, `${prefix}depthwise_BN`, BN);
  x = kit.relu6(x, `${prefix}depthwise_relu`);
  x = kit.conv(x, `${prefix}project`, { filters: pointwise, kernel: 1, padding: 'same', useBias: false });
  x = kit.bn(x, `${prefix}project_BN`, BN);
  if (inChannels === pointwise && stride === 1) return kit.add([inputs, x], `${prefix}add`);
  return x;
}

export const mobileNetV2: BackboneDef = {
  name: 'mobilenetv2',
  description: 'MobileNetV2 alpha 1.0 (Keras Applications layout and names)',
  hasKerasPreprocessing: false,
  features(kit: LayerKit, input: Sym): Sym {
    let x = kit.conv(input, 'Conv1', { filters: makeDivisible(32, 8), kernel: 3, strides: 2, padding: 'same', useBias: false });
    x = kit.bn(x, 'bn_Conv1', BN);
    x = kit.relu6(x, 'Conv1_relu');
    BLOCKS.forEach(([filters, stride, expansion], id) => {
      x = invertedResBlock(kit, x, filters, stride, expansion, id);
    });
    x = kit.conv(x, 'Conv_1', { filters: 1280, kernel: 1, useBias: false });
    x = kit.bn(x, 'Conv_1_bn', BN);
    return kit.relu6(x, 'out_relu');
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    // Keras leaves this pooling layer unnamed; a fresh Keras session calls it this.
    return kit.dense(kit.gap(features, 'global_average_pooling2d'), 'predictions', classes, 'softmax');
  },
};
