/**
 * A feature pyramid (Lin et al. 2017) on a backbone's C3, C4, C5, as seed 000 builds it: 1x1
 * lateral convolutions to one channel width, a top-down path of x2 nearest upsampling plus
 * addition, a 3x3 smoothing convolution on each level, then every level globally average-pooled
 * and concatenated (3 x channels). Its layers are new (no pretrained weights exist for them), so
 * they are named as head layers ('head_fpn_*') and train with the head's learning rate.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackboneDef } from './backbones/backbone-def.ts';
import { channelsOf, sideOf, type LayerKit, type Sym } from './backbones/layer-kit.ts';
import { ModelArgumentError } from './errors.ts';
import { HEAD_PREFIX } from './head.ts';

const P = `${HEAD_PREFIX}fpn_`;

/**
 * The C3, C4, C5 outputs of `def` inside the graph that `input` -> `features` spans.
 *
 * @throws ModelArgumentError when the backbone has no pyramid taps (naming it).
 */
export function pyramidTapsOf(def: BackboneDef, input: Sym, features: Sym, fn: string): [Sym, Sym, Sym] {
  if (!def.pyramidTaps) {
    throw new ModelArgumentError(fn, 'featurePyramid', 'a backbone with multi-scale taps (densenet121, custom-densenet)', def.name);
  }
  const graph = tf.model({ inputs: input, outputs: features });
  return def.pyramidTaps.map((name) => graph.getLayer(name).output as Sym) as [Sym, Sym, Sym];
}

/**
 * Builds the pyramid on [c3, c4, c5] and returns the pooled, concatenated vector [b, 3 * channels]
 * (layer 'head_fpn_concat').
 *
 * @throws ModelArgumentError when a level's side is not a multiple of the next one's (input size
 *   not a multiple of 32 for DenseNet121), naming the sides received.
 * @example featurePyramid(kit, taps, 256, 'buildModel').shape // [null, 768]
 */
export function featurePyramid(kit: LayerKit, taps: [Sym, Sym, Sym], channels: number, fn: string): Sym {
  const sides = taps.map(sideOf);
  const factors = [sides[0]! / sides[1]!, sides[1]! / sides[2]!];
  if (!factors.every((f) => Number.isInteger(f) && f >= 1)) {
    throw new ModelArgumentError(
      fn,
      'inputSize',
      'a size whose C3, C4, C5 sides each divide the one before (a multiple of 32 for densenet121)',
      `sides ${sides.join(', ')}`,
    );
  }
  if (!Number.isInteger(channels) || channels < 1) {
    throw new ModelArgumentError(fn, 'featurePyramid.channels', 'an integer >= 1', channels);
  }
  const lateral = taps.map((c, i) => kit.conv(c, `${P}lateral_c${i + 3}`, { filters: channels, kernel: 1 }));
  // x2 between DenseNet121's levels; a level at the same stride (custom-densenet's last two) is added as it is
  const up = (x: Sym, name: string, factor: number) => (factor === 1 ? x : kit.upsample(x, name, factor));
  const p5 = lateral[2]!;
  const p4 = kit.add([lateral[1]!, up(p5, `${P}up_p5`, factors[1]!)], `${P}add_p4`);
  const p3 = kit.add([lateral[0]!, up(p4, `${P}up_p4`, factors[0]!)], `${P}add_p3`);
  const pooled = [p3, p4, p5].map((p, i) => {
    const smooth = kit.conv(p, `${P}smooth_p${i + 3}`, { filters: channels, kernel: 3, padding: 'same' });
    return kit.gap(smooth, `${P}pool_p${i + 3}`);
  });
  const out = kit.concat(pooled, `${P}concat`);
  if (channelsOf(out) !== 3 * channels) throw new ModelArgumentError(fn, 'featurePyramid', `${3 * channels} features`, channelsOf(out));
  return out;
}
