/**
 * ResNet18 as torchvision defines it (torchvision.models.resnet18: 7x7/2 stem, 3x3/2 max pool,
 * four stages of two BasicBlocks, 64-128-256-512 filters, 1x1 projection shortcuts where the
 * stride or width changes), channels-last with Keras-style names after torchvision's state-dict
 * keys: conv1, bn1, relu, maxpool, layer{1..4}_block{0,1}_{conv1,bn1,relu1,conv2,bn2,add,out},
 * layer{2..4}_block0_downsample_{conv,bn}; top: avg_pool + predictions (torchvision's fc).
 * torchvision's padding is written as explicit zero padding + 'valid' where the stride is 2 (its
 * padding is symmetric, TensorFlow's 'same' is not); batch norm has PyTorch's eps 1e-5 and
 * momentum 0.1 (Keras momentum 0.9). Reference:
 * https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet18 (num_params
 * 11,689,512 with the 1000-class top: PyTorch does not count BN running statistics, Keras does, so
 * here that is the trainable count and 9,600 moving statistics come on top).
 * At 32 px: stem 16 -> 8 px, then stages of 8, 4, 2 and 1 px: nothing collapses.
 */
import type { BackboneDef } from './backbone-def.ts';
import type { LayerKit, Sym } from './layer-kit.ts';

const BN = { epsilon: 1e-5, momentum: 0.9 };
const PAD1: [[number, number], [number, number]] = [
  [1, 1],
  [1, 1],
];

/** One torchvision BasicBlock (two 3x3 conv + BN, identity or 1x1 projection shortcut). */
export function basicBlock(kit: LayerKit, x: Sym, filters: number, stride: number, name: string, downsample: boolean): Sym {
  let y = stride > 1 ? kit.zeroPad(x, `${name}_pad1`, PAD1) : x;
  y = kit.conv(y, `${name}_conv1`, { filters, kernel: 3, strides: stride, padding: stride > 1 ? 'valid' : 'same', useBias: false });
  y = kit.bn(y, `${name}_bn1`, BN);
  y = kit.act(y, `${name}_relu1`, 'relu');
  y = kit.conv(y, `${name}_conv2`, { filters, kernel: 3, padding: 'same', useBias: false });
  y = kit.bn(y, `${name}_bn2`, BN);
  let shortcut = x;
  if (downsample) {
    shortcut = kit.conv(x, `${name}_downsample_conv`, { filters, kernel: 1, strides: stride, useBias: false });
    shortcut = kit.bn(shortcut, `${name}_downsample_bn`, BN);
  }
  return kit.act(kit.add([y, shortcut], `${name}_add`), `${name}_out`, 'relu');
}

/** ResNet18's stem: 7x7/2 convolution, BN, ReLU, 3x3/2 max pool (a quarter of the input side). */
export function resNet18Stem(kit: LayerKit, input: Sym): Sym {
  let x = kit.zeroPad(input, 'conv1_pad', [
    [3, 3],
    [3, 3],
  ]);
  x = kit.conv(x, 'conv1', { filters: 64, kernel: 7, strides: 2, useBias: false });
  x = kit.act(kit.bn(x, 'bn1', BN), 'relu', 'relu');
  // Zero padding equals PyTorch's -inf padding here: the input is post-ReLU (>= 0).
  return kit.maxPool(kit.zeroPad(x, 'maxpool_pad', PAD1), 'maxpool', 3, 2);
}

export const resNet18: BackboneDef = {
  name: 'resnet18',
  description: 'ResNet18 (torchvision layout: BasicBlocks [2, 2, 2, 2], 64-512 filters)',
  hasKerasPreprocessing: false,
  features(kit: LayerKit, input: Sym): Sym {
    let x = resNet18Stem(kit, input);
    [64, 128, 256, 512].forEach((filters, i) => {
      const stride = i === 0 ? 1 : 2;
      x = basicBlock(kit, x, filters, stride, `layer${i + 1}_block0`, stride > 1);
      x = basicBlock(kit, x, filters, 1, `layer${i + 1}_block1`, false);
    });
    return x;
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
  },
};
