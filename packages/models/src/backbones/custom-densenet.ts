/**
 * Seed 003's lightweight DenseNet variation: dense blocks with "9 layers" (against DenseNet121's
 * 121). The seed gives no widths or count; ours (an assumption) keeps DenseNet121's stem (7x7/2
 * conv, 64 filters, 3x3/2 max pool) and growth rate 32, with two dense blocks of three BN-ReLU-3x3
 * conv layers each (no 1x1 bottleneck, so each dense layer is one layer) joined by a transition
 * (BN-ReLU-1x1 conv halving the channels, 2x2 average pool): 1 + 3 + 1 + 3 convolutions and the
 * classifier make 9. Names follow ./densenet121.ts (conv1_conv, conv2_block{i}_{0_bn,0_relu,
 * 1_conv,concat}, pool2_*, conv3_block{i}_*, bn, relu); 206,016 parameters without top (3
 * channels), pinned in its test. At 32 px: 16 -> 8 (block 1) -> 4 (block 2).
 */
import type { BackboneDef } from './backbone-def.ts';
import { DENSENET_BN as BN, DENSENET_GROWTH as GROWTH, denseNetStem, transitionBlock } from './densenet121.ts';
import type { LayerKit, Sym } from './layer-kit.ts';
const LAYERS_PER_BLOCK = 3;

function denseLayer(kit: LayerKit, x: Sym, name: string): Sym {
  let y = kit.act(kit.bn(x, `${name}_0_bn`, BN), `${name}_0_relu`, 'relu');
  y = kit.conv(y, `${name}_1_conv`, { filters: GROWTH, kernel: 3, padding: 'same', useBias: false });
  return kit.concat([x, y], `${name}_concat`);
}

function denseBlock(kit: LayerKit, x: Sym, name: string): Sym {
  for (let i = 1; i <= LAYERS_PER_BLOCK; i++) x = denseLayer(kit, x, `${name}_block${i}`);
  return x;
}

export const customDenseNet: BackboneDef = {
  name: 'custom-densenet',
  description: "Seed 003's 9-layer DenseNet: DenseNet121's stem, 2 dense blocks of 3 conv3x3 (growth 32), 1 transition",
  hasKerasPreprocessing: false,
  // strides 4, 8, 8: the two dense blocks' ends and the final ReLU, so seed 000's pyramid has a small stand-in
  pyramidTaps: ['conv2_block3_concat', 'conv3_block3_concat', 'relu'],
  features(kit: LayerKit, input: Sym): Sym {
    let x = denseNetStem(kit, input);
    x = denseBlock(kit, x, 'conv2');
    x = transitionBlock(kit, x, 'pool2');
    x = denseBlock(kit, x, 'conv3');
    return kit.act(kit.bn(x, 'bn', BN), 'relu', 'relu');
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
  },
};
