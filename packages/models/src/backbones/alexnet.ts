/**
 * AlexNet as torchvision defines it (torchvision.models.alexnet, the "one weird trick" variant:
 * conv 64-192-384-256-256, kernels 11/5/3/3/3, fc 4096-4096), written channels-last with
 * Keras-style names: conv1..conv5 (ReLU fused), pool1, pool2, pool5; the top is avgpool (torchvision's
 * AdaptiveAvgPool2d to 6x6), flatten, fc6_dropout, fc6, fc7_dropout, fc7, predictions. As with
 * Keras' VGG16, the backbone (include_top=False) ends at pool5 and fc6/fc7 belong to the top.
 * Reference: https://pytorch.org/vision/stable/models/generated/torchvision.models.alexnet.html
 * (num_params 61,100,840 with the 1000-class top). Without top: 2,469,696 parameters (3 channels).
 *
 * Small inputs: torchvision needs at least 63 px, since its 3x3 stride-2 max pools collapse a map
 * narrower than 3. Here a pool whose input is narrower than 3 uses 'same' padding (output 1x1)
 * instead, so 32 px gives 7 -> 3 -> 1 -> 1 and 64 px 15 -> 7 -> 3 -> 1; from 63 px up nothing
 * changes. The top's adaptive pooling to 6x6 is exact where the map side divides 6 (nearest
 * upsampling: what AdaptiveAvgPool2d does to such a map) or is a multiple of it (average pooling).
 */
import { ModelArgumentError } from '../errors.ts';
import type { BackboneDef } from './backbone-def.ts';
import { sideOf, type LayerKit, type Sym } from './layer-kit.ts';

/** AlexNet's 3x3 stride-2 max pool, kept from collapsing below 1x1 on small maps. */
export function alexPool(kit: LayerKit, x: Sym, name: string): Sym {
  return kit.maxPool(x, name, 3, 2, sideOf(x) < 3 ? 'same' : 'valid');
}

/** torchvision's AdaptiveAvgPool2d((6, 6)) where it is a plain resampling; throws elsewhere. */
export function adaptivePool6(kit: LayerKit, x: Sym, name: string, model: string): Sym {
  const n = sideOf(x);
  if (n === 6) return x;
  if (6 % n === 0) return kit.upsample(x, name, 6 / n);
  if (n % 6 === 0) return kit.avgPool(x, name, n / 6, n / 6);
  throw new ModelArgumentError(
    `${model} top`,
    'inputSize',
    'an input whose last feature map side divides 6 or is a multiple of 6 (e.g. 32, 64, 96, 128, 224 px)',
    `a ${n}x${n} map`,
  );
}

/** The shared AlexNet classifier: adaptive pool to 6x6, flatten, two dropout + dense ReLU layers, softmax. */
export function alexTop(kit: LayerKit, features: Sym, classes: number, model: string, units: number): Sym {
  let x = kit.flatten(adaptivePool6(kit, features, 'avgpool', model), 'flatten');
  x = kit.dense(kit.dropout(x, 'fc6_dropout', 0.5), 'fc6', units, 'relu');
  x = kit.dense(kit.dropout(x, 'fc7_dropout', 0.5), 'fc7', units, 'relu');
  return kit.dense(x, 'predictions', classes, 'softmax');
}

export const alexNet: BackboneDef = {
  name: 'alexnet',
  description: 'AlexNet (torchvision layout: conv 64-192-384-256-256, fc 4096-4096); pools kept >= 1x1 below 63 px',
  hasKerasPreprocessing: false,
  features(kit: LayerKit, input: Sym): Sym {
    let x = kit.zeroPad(input, 'conv1_pad', [
      [2, 2],
      [2, 2],
    ]);
    x = kit.conv(x, 'conv1', { filters: 64, kernel: 11, strides: 4, activation: 'relu' });
    x = alexPool(kit, x, 'pool1');
    x = kit.conv(x, 'conv2', { filters: 192, kernel: 5, padding: 'same', activation: 'relu' });
    x = alexPool(kit, x, 'pool2');
    x = kit.conv(x, 'conv3', { filters: 384, kernel: 3, padding: 'same', activation: 'relu' });
    x = kit.conv(x, 'conv4', { filters: 256, kernel: 3, padding: 'same', activation: 'relu' });
    x = kit.conv(x, 'conv5', { filters: 256, kernel: 3, padding: 'same', activation: 'relu' });
    return alexPool(kit, x, 'pool5');
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    return alexTop(kit, features, classes, 'alexnet', 4096);
  },
};
