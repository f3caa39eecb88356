/**
 * DenseNet121 following keras.applications.DenseNet121 layer for layer, with its names (Keras 3
 * spelling: conv1_conv, conv{2..5}_block{i}_{0_bn,1_conv,2_conv,concat}, pool{2..4}_*, bn), so
 * weights converted from Keras load by name. Reference: Huang et al. 2017; Keras
 * keras/src/applications/densenet.py. Without top: 7,037,504 parameters (3 channels).
 */
import type { BackboneDef } from './backbone-def.ts';
import { channelsOf, type LayerKit, type Sym } from './layer-kit.ts';

/** Keras' DenseNet batch-norm epsilon and growth rate (also seed 003's lightweight DenseNet). */
export const DENSENET_BN = { epsilon: 1.001e-5 };
export const DENSENET_GROWTH = 32;
const BN = DENSENET_BN;
const GROWTH = DENSENET_GROWTH;

function convBlock(kit: LayerKit, x: Sym, name: string): Sym {
  let y = kit.bn(x, `${name}_0_bn`, BN);
  y = kit.act(y, `${name}_0_relu`, 'relu');
  y = kit.conv(y, `${name}_1_conv`, { filters: 4 * GROWTH, kernel: 1, useBias: false });
  y = kit.bn(y, `${name}_1_bn`, BN);
  y = kit.act(y, `${name}_1_relu`, 'relu');
  y = kit.conv(y, `${name}_2_conv`, { filters: GROWTH, kernel: 3, padding: 'same', useBias: false });
  return kit.concat([x, y], `${name}_concat`);
}

function denseBlock(kit: LayerKit, x: Sym, blocks: number, name: string): Sym {
  for (let i = 1; i <= blocks; i++) x = convBlock(kit, x, `${name}_block${i}`);
  return x;
}

/** BN-ReLU-1x1 conv halving the channels, then a 2x2 average pool (Keras' transition_block). */
export function transitionBlock(kit: LayerKit, x: Sym, name: string): Sym {
  x = kit.bn(x, `${name}_bn`, BN);
  x = kit.act(x, `${name}_relu`, 'relu');
  x = kit.conv(x, `${name}_conv`, { filters: Math.floor(channelsOf(x) * 0.5), kernel: 1, useBias: false });
  return kit.avgPool(x, `${name}_pool`, 2, 2);
}

/**
 * DenseNet121's stem: 7x7/2 conv (64), BN, ReLU, 3x3/2 max pool, with the names Keras gives its
 * two unnamed paddings in a fresh session (zero_padding2d, zero_padding2d_1).
 */
export function denseNetStem(kit: LayerKit, input: Sym): Sym {
  let x = kit.zeroPad(input, 'zero_padding2d', [
    [3, 3],
    [3, 3],
  ]);
  x = kit.conv(x, 'conv1_conv', { filters: 64, kernel: 7, strides: 2, useBias: false });
  x = kit.bn(x, 'conv1_bn', BN);
  x = kit.act(x, 'conv1_relu', 'relu');
  x = kit.zeroPad(x, 'zero_padding2d_1', [
    [1, 1],
    [1, 1],
  ]);
  x = kit.maxPool(x, 'pool1', 3, 2);
  return x;
}

export const denseNet121: BackboneDef = {
  name: 'densenet121',
  description: 'DenseNet121, dense blocks [6, 12, 24, 16], growth 32 (Keras Applications layout and names)',
  hasKerasPreprocessing: false,
  // Ends of dense blocks 3 and 4 and the final ReLU: strides 8, 16, 32 (seed 000 takes C3-C5 from its dense blocks).
  pyramidTaps: ['conv3_block12_concat', 'conv4_block24_concat', 'relu'],
  features(kit: LayerKit, input: Sym): Sym {
    let x = denseNetStem(kit, input);
    x = denseBlock(kit, x, 6, 'conv2');
    x = transitionBlock(kit, x, 'pool2');
    x = denseBlock(kit, x, 12, 'conv3');
    x = transitionBlock(kit, x, 'pool3');
    x = denseBlock(kit, x, 24, 'conv4');
    x = transitionBlock(kit, x, 'pool4');
    x = denseBlock(kit, x, 16, 'conv5');
    x = kit.bn(x, 'bn', BN);
    return kit.act(x, 'relu', 'relu');
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
  },
};
