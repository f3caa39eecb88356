/**
 * Seed 003's lightweight ResNet variation: "only 6 layers" that still use ResNet's skip
 * connections. The seed gives no widths or count; ours (an assumption) is ResNet18 cut to its
 * first two stages with one BasicBlock each: the 7x7/2 stem (1 layer), a 64-filter block and a
 * 128-filter stride-2 block with a projection shortcut (2 + 2 layers), and the classifier (the 6th
 * layer: the run's head or the top). Layer names as ./resnet18.ts; 314,816 parameters without
 * top (3 channels), pinned in its test. At 32 px: 16 -> 8 -> 8 -> 4.
 */
import type { BackboneDef } from './backbone-def.ts';
import type { LayerKit, Sym } from './layer-kit.ts';
import { resNet18Stem, basicBlock } from './resnet18.ts';

export const customResNet: BackboneDef = {
  name: 'custom-resnet',
  description: "Seed 003's 6-layer ResNet: ResNet18's stem and one BasicBlock of 64 and of 128 filters",
  hasKerasPreprocessing: false,
  features(kit: LayerKit, input: Sym): Sym {
    let x = resNet18Stem(kit, input);
    x = basicBlock(kit, x, 64, 1, 'layer1_block0', false);
    return basicBlock(kit, x, 128, 2, 'layer2_block0', true);
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    return kit.dense(kit.gap(features, 'avg_pool'), 'predictions', classes, 'softmax');
  },
};
