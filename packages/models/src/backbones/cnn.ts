/**
 * CNN-k, the thesis' lightweight from-scratch family (002, Methods and Table 1): k blocks of
 * 3x3 convolution (with bias) - ReLU - batch normalisation - 2x2 max pooling, block l having
 * 2^(l+3) filters (16, 32, 64, ...). The thesis' parameter counts (0.04 M for CNN-3 ... 1.71 M
 * for CNN-6 with a 256/0.20 head and 10 logits) fit 3x3 kernels. Pooling uses 'same' padding so
 * that a 32 px input survives six halvings (32 -> 1 -> 1); for even sides it equals 'valid'.
 */
import type { BackboneDef } from './backbone-def.ts';
import type { LayerKit, Sym } from './layer-kit.ts';

export function cnnDef(blocks: number): BackboneDef {
  return {
    name: `cnn${blocks}`,
    description: `CNN-${blocks}: ${blocks} x (conv3x3 - ReLU - BN - maxpool2x2), filters 16..${2 ** (blocks + 3)}`,
    hasKerasPreprocessing: false,
    features(kit: LayerKit, input: Sym): Sym {
      let x = input;
      for (let l = 1; l <= blocks; l++) {
        const p = `block${l}_`;
        x = kit.conv(x, `${p}conv`, { filters: 2 ** (l + 3), kernel: 3, padding: 'same' });
        x = kit.act(x, `${p}relu`, 'relu');
        x = kit.bn(x, `${p}bn`);
        x = kit.maxPool(x, `${p}pool`, 2, 2, 'same');
      }
      return x;
    },
    top(kit: LayerKit, features: Sym, classes: number): Sym {
      return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
    },
  };
}
