/**
 * ResNet V1 (post-activation bottlenecks; He et al. 2016, "Deep residual learning") following
 * keras.applications.ResNet50/101/152 layer for layer, with their names (conv1_conv, conv1_bn,
 * conv{2..5}_block{i}_{0_conv,0_bn,1_conv,...,3_bn,add,out}), so weights converted from Keras load
 * by name. Reference: keras/src/applications/resnet.py (residual_block_v1, stack_residual_blocks_v1):
 * every convolution has a bias, the stride sits on the block's first 1x1 convolution, and the first
 * block of each stack has a projection shortcut.
 */
import type { BackboneDef } from './backbone-def.ts';
import type { LayerKit, Sym } from './layer-kit.ts';
import { RESNET_BN, resNetStem, resNetTop } from './resnet-stem.ts';

function residualBlockV1(kit: LayerKit, x: Sym, filters: number, name: string, stride: number, convShortcut: boolean): Sym {
  let shortcut = x;
  if (convShortcut) {
    shortcut = kit.conv(x, `${name}_0_conv`, { filters: 4 * filters, kernel: 1, strides: stride });
    shortcut = kit.bn(shortcut, `${name}_0_bn`, RESNET_BN);
  }
  let y = kit.conv(x, `${name}_1_conv`, { filters, kernel: 1, strides: stride });
  y = kit.bn(y, `${name}_1_bn`, RESNET_BN);
  y = kit.act(y, `${name}_1_relu`, 'relu');
  y = kit.conv(y, `${name}_2_conv`, { filters, kernel: 3, padding: 'same' });
  y = kit.bn(y, `${name}_2_bn`, RESNET_BN);
  y = kit.act(y, `${name}_2_relu`, 'relu');
  y = kit.conv(y, `${name}_3_conv`, { filters: 4 * filters, kernel: 1 });
  y = kit.bn(y, `${name}_3_bn`, RESNET_BN);
  return kit.act(kit.add([shortcut, y], `${name}_add`), `${name}_out`, 'relu');
}

function stackV1(kit: LayerKit, x: Sym, filters: number, blocks: number, stride1: number, name: string): Sym {
  // Keras gives block1 a projection shortcut always (conv2's input has 64 channels, its output 256)
  x = residualBlockV1(kit, x, filters, `${name}_block1`, stride1, true);
  for (let i = 2; i <= blocks; i++) x = residualBlockV1(kit, x, filters, `${name}_block${i}`, 1, false);
  return x;
}

/**
 * A Keras ResNet V1 with `blocks` bottlenecks in conv2..conv5 (filters 64, 128, 256, 512; stride 2
 * from conv3 on). ResNet50: [3, 4, 6, 3]; ResNet101: [3, 4, 23, 3]; ResNet152: [3, 8, 36, 3].
 * @example resNetV1Def('resnet101', [3, 4, 23, 3], '...').name // 'resnet101'
 */
export function resNetV1Def(name: string, blocks: readonly [number, number, number, number], description: string): BackboneDef {
  return {
    name,
    description,
    hasKerasPreprocessing: false,
    features(kit: LayerKit, input: Sym): Sym {
      let x = resNetStem(kit, input, false);
      [64, 128, 256, 512].forEach((filters, s) => {
        x = stackV1(kit, x, filters, blocks[s]!, s === 0 ? 1 : 2, `conv${s + 2}`);
      });
      return x;
    },
    top: resNetTop,
  };
}

/** keras.applications.ResNet101: 42,658,176 parameters without top, 44,707,176 with it (3 channels). */
export const resNet101 = resNetV1Def(
  'resnet101',
  [3, 4, 23, 3],
  'ResNet101, post-activation bottlenecks [3, 4, 23, 3] (Keras Applications layout and names)',
);
