/**
 * ResNet50V2 (pre-activation ResNet) following keras.applications.ResNet50V2 layer for layer,
 * with its names (conv1_conv, conv{2..5}_block{i}_{preact_bn,0_conv,1_conv,...,out}, post_bn), so
 * weights converted from Keras load by name. Reference: He et al. 2016 (identity mappings); Keras
 * keras/src/applications/resnet.py (residual_block_v2, stack_residual_blocks_v2). Without top:
 * 23,564,800 parameters (3 channels).
 */
import type { BackboneDef } from './backbone-def.ts';
import type { LayerKit, Sym } from './layer-kit.ts';
import { RESNET_BN, resNetStem, resNetTop } from './resnet-stem.ts';

/** Keras leaves the stride-2 identity shortcut's 1x1 max pooling unnamed; number them as Keras would. */
class PoolNamer {
  private n = 0;
  next(): string {
    return this.n++ === 0 ? 'max_pooling2d' : `max_pooling2d_${this.n - 1}`;
  }
}

function residualBlockV2(
  kit: LayerKit,
  x: Sym,
  filters: number,
  name: string,
  stride: number,
  convShortcut: boolean,
  pools: PoolNamer,
): Sym {
  let preact = kit.bn(x, `${name}_preact_bn`, RESNET_BN);
  preact = kit.act(preact, `${name}_preact_relu`, 'relu');
  let shortcut: Sym;
  if (convShortcut) shortcut = kit.conv(preact, `${name}_0_conv`, { filters: 4 * filters, kernel: 1, strides: stride });
  else shortcut = stride > 1 ? kit.maxPool(x, pools.next(), 1, stride) : x;
  let y = kit.conv(preact, `${name}_1_conv`, { filters, kernel: 1, useBias: false });
  y = kit.bn(y, `${name}_1_bn`, RESNET_BN);
  y = kit.act(y, `${name}_1_relu`, 'relu');
  y = kit.zeroPad(y, `${name}_2_pad`, [
    [1, 1],
    [1, 1],
  ]);
  y = kit.conv(y, `${name}_2_conv`, { filters, kernel: 3, strides: stride, useBias: false });
  y = kit.bn(y, `${name}_2_bn`, RESNET_BN);
  y = kit.act(y, `${name}_2_relu`, 'relu');
  y = kit.conv(y, `${name}_3_conv`, { filters: 4 * filters, kernel: 1 });
  return kit.add([shortcut, y], `${name}_out`);
}

function stackV2(kit: LayerKit, x: Sym, filters: number, blocks: number, stride1: number, name: string, pools: PoolNamer): Sym {
  x = residualBlockV2(kit, x, filters, `${name}_block1`, 1, true, pools);
  for (let i = 2; i < blocks; i++) x = residualBlockV2(kit, x, filters, `${name}_block${i}`, 1, false, pools);
  return residualBlockV2(kit, x, filters, `${name}_block${blocks}`, stride1, false, pools);
}

export const resNet50V2: BackboneDef = {
  name: 'resnet50v2',
  description: 'ResNet50V2, pre-activation bottlenecks [3, 4, 6, 3] (Keras Applications layout and names)',
  hasKerasPreprocessing: false,
  features(kit: LayerKit, input: Sym): Sym {
    const pools = new PoolNamer();
    let x = resNetStem(kit, input, true);
    x = stackV2(kit, x, 64, 3, 2, 'conv2', pools);
    x = stackV2(kit, x, 128, 4, 2, 'conv3', pools);
    x = stackV2(kit, x, 256, 6, 2, 'conv4', pools);
    x = stackV2(kit, x, 512, 3, 1, 'conv5', pools);
    x = kit.bn(x, 'post_bn', RESNET_BN);
    return kit.act(x, 'post_relu', 'relu');
  },
  top: resNetTop,
};
