/**
 * Seed 004's U-Net classifier backbone: Ronneberger et al. 2015's encoder-decoder (arXiv:1505.04597)
 * - a contracting path of conv blocks and 2x2 max pooling, a bottleneck, and an expanding path of
 * 2x2 stride-2 transposed convolutions whose output is concatenated with the encoder block of the
 * same resolution (the long skip connections) before another conv block. The backbone's output is
 * the last decoder block's feature map (input side, 16 channels), so the run's head (global
 * pooling + dense) classifies it; the seed's "classification layer" on the decoder output.
 *
 * 'residual-unet' gives every conv block a shortcut (Khanna et al. 2020's residual U-Net, seed 004's
 * residual blocks): a 1x1 projection + BN of the block input added before the last ReLU. 'unet' is
 * the same network without the shortcuts: the ablation of seed 004's residual blocks.
 *
 * Depth and filters: the seed shows the original U-Net (four poolings; 64-1024 filters; no figures
 * of its own). We keep the four poolings (32 px -> a 2x2 bottleneck) and scale the filters by 1/4 to
 * 16-32-64-128-256 so it trains on two CPU cores; the input side must be a multiple of 16. Conv
 * blocks are conv3x3 - BN - ReLU twice ('same' padding, so the skips need no cropping). Names:
 * enc{1..4}_*, pool{1..4}, bottleneck_*, up{4..1}_conv (transposed), up{4..1}_concat, dec{4..1}_*,
 * each block {conv1, bn1, relu1, conv2, bn2, [shortcut_conv, shortcut_bn, add,] out}.
 * Parameters without top, 1 channel: 'unet' 1,945,216, 'residual-unet' 2,035,216 (pinned in its test).
 */
import { ModelArgumentError } from '../errors.ts';
import type { BackboneDef } from './backbone-def.ts';
import { sideOf, type LayerKit, type Sym } from './layer-kit.ts';

/** Filters of encoder levels 1..4; the bottleneck has twice the last. */
export const UNET_FILTERS = [16, 32, 64, 128] as const;

function convBlock(kit: LayerKit, x: Sym, filters: number, name: string, residual: boolean): Sym {
  let y = kit.conv(x, `${name}_conv1`, { filters, kernel: 3, padding: 'same', useBias: false });
  y = kit.act(kit.bn(y, `${name}_bn1`), `${name}_relu1`, 'relu');
  y = kit.conv(y, `${name}_conv2`, { filters, kernel: 3, padding: 'same', useBias: false });
  y = kit.bn(y, `${name}_bn2`);
  if (residual) {
    const shortcut = kit.bn(kit.conv(x, `${name}_shortcut_conv`, { filters, kernel: 1, useBias: false }), `${name}_shortcut_bn`);
    y = kit.add([y, shortcut], `${name}_add`);
  }
  return kit.act(y, `${name}_out`, 'relu');
}

function unetDef(name: string, residual: boolean): BackboneDef {
  const depth = UNET_FILTERS.length;
  return {
    name,
    description: residual
      ? "Seed 004's residual U-Net: 4 poolings, residual conv blocks 16-256, transposed-conv decoder with concatenated skips"
      : "Seed 004's U-Net without residual blocks (the ablation): 4 poolings, conv blocks 16-256, concatenated skips",
    hasKerasPreprocessing: false,
    features(kit: LayerKit, input: Sym): Sym {
      const side = sideOf(input);
      if (side % 2 ** depth !== 0) throw new ModelArgumentError(`${name} features`, 'inputSize', `a multiple of ${2 ** depth}`, side);
      const skips: Sym[] = [];
      let x = input;
      UNET_FILTERS.forEach((filters, i) => {
        x = convBlock(kit, x, filters, `enc${i + 1}`, residual);
        skips.push(x);
        x = kit.maxPool(x, `pool${i + 1}`, 2, 2);
      });
      x = convBlock(kit, x, 2 * UNET_FILTERS[depth - 1]!, 'bottleneck', residual);
      for (let l = depth; l >= 1; l--) {
        const filters = UNET_FILTERS[l - 1]!;
        x = kit.convTranspose(x, `up${l}_conv`, { filters, kernel: 2, strides: 2 });
        x = kit.concat([skips[l - 1]!, x], `up${l}_concat`);
        x = convBlock(kit, x, filters, `dec${l}`, residual);
      }
      return x;
    },
    top(kit: LayerKit, features: Sym, classes: number): Sym {
      return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
    },
  };
}

export const unet = unetDef('unet', false);
export const residualUnet = unetDef('residual-unet', true);
