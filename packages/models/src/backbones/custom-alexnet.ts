/**
 * Seed 003's custom AlexNet ("AlexNet variation"): AlexNet's five convolutions and three fully
 * connected layers, random initialisation, batch normalisation after every convolution. The seed
 * gives no widths or parameter count (its figure is not in the text), so ours are an assumption:
 * AlexNet's kernels, strides and pools with half its filters (32-96-192-128-128), conv -> BN ->
 * ReLU, fc 512-512 in the top; 625,824 parameters without top (3 channels), pinned in its test.
 * In a run the three fully connected layers are the head: e.g. head '512/0.50->512/0.50' plus the
 * logits. Pools as in ./alexnet.ts (kept >= 1x1 on small maps).
 */
import type { BackboneDef } from './backbone-def.ts';
import { alexPool, alexTop } from './alexnet.ts';
import type { LayerKit, Sym } from './layer-kit.ts';

function convBnRelu(kit: LayerKit, x: Sym, name: string, filters: number, kernel: number, strides = 1): Sym {
  x = kit.conv(x, `${name}_conv`, { filters, kernel, strides, padding: strides > 1 ? 'valid' : 'same' });
  return kit.act(kit.bn(x, `${name}_bn`), `${name}_relu`, 'relu');
}

export const customAlexNet: BackboneDef = {
  name: 'custom-alexnet',
  description: "Seed 003's custom AlexNet: AlexNet's 5 conv + 3 fc with BN after each conv, half width (32-96-192-128-128)",
  hasKerasPreprocessing: false,
  features(kit: LayerKit, input: Sym): Sym {
    let x = kit.zeroPad(input, 'conv1_pad', [
      [2, 2],
      [2, 2],
    ]);
    x = convBnRelu(kit, x, 'conv1', 32, 11, 4);
    x = alexPool(kit, x, 'pool1');
    x = convBnRelu(kit, x, 'conv2', 96, 5);
    x = alexPool(kit, x, 'pool2');
    x = convBnRelu(kit, x, 'conv3', 192, 3);
    x = convBnRelu(kit, x, 'conv4', 128, 3);
    x = convBnRelu(kit, x, 'conv5', 128, 3);
    return alexPool(kit, x, 'pool5');
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    return alexTop(kit, features, classes, 'custom-alexnet', 512);
  },
};
