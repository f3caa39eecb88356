/**
 * EfficientNetB0 following keras.applications.EfficientNetB0 layer for layer, with its names
 * (rescaling, normalization, stem_conv, block{1..7}{a..}_{expand_conv,dwconv,se_*,project_*},
 * top_conv), so weights converted from Keras load by name. MBConv blocks with squeeze-excitation,
 * swish activations, drop-connect rising linearly to 0.2. Reference: Tan & Le 2019; Keras
 * keras/src/applications/efficientnet.py. Without top: 4,049,571 parameters (3 channels), of
 * which 7 belong to the Normalization layer of Keras' built-in preprocessing.
 *
 * Preprocessing: Keras builds Rescaling(1/255) -> Normalization -> Rescaling(1/sqrt(stddev)) into
 * the model (the last one compensates for Keras' ImageNet weights storing the standard deviation
 * as the variance; see tensorflow/tensorflow#49930). We always build all three, with the
 * Normalization weights initialised to the values Keras' ImageNet checkpoint holds, so inputs in
 * [0, 255] are ImageNet-normalised whether or not weights are loaded. With
 * `includeKerasPreprocessing: false` the stage is omitted and inputs must arrive normalised.
 */
import type { BackboneDef, FeatureOptions } from './backbone-def.ts';
import { correctPad, sideOf, type LayerKit, type Sym } from './layer-kit.ts';
import { Rescaling } from '../layers/rescaling.ts';
import { KerasNormalization } from '../layers/keras-normalization.ts';

const IMAGENET_MEAN_RGB = [0.485, 0.456, 0.406];
const IMAGENET_STDDEV_RGB = [0.229, 0.224, 0.225];
const DROP_CONNECT_RATE = 0.2;

interface BlockArgs {
  kernel: number;
  repeats: number;
  filtersIn: number;
  filtersOut: number;
  expandRatio: number;
  strides: number;
}

/** Keras' DEFAULT_BLOCKS_ARGS (all with id_skip and se_ratio 0.25). */
const BLOCKS: BlockArgs[] = [
  { kernel: 3, repeats: 1, filtersIn: 32, filtersOut: 16, expandRatio: 1, strides: 1 },
  { kernel: 3, repeats: 2, filtersIn: 16, filtersOut: 24, expandRatio: 6, strides: 2 },
  { kernel: 5, repeats: 2, filtersIn: 24, filtersOut: 40, expandRatio: 6, strides: 2 },
  { kernel: 3, repeats: 3, filtersIn: 40, filtersOut: 80, expandRatio: 6, strides: 2 },
  { kernel: 5, repeats: 3, filtersIn: 80, filtersOut: 112, expandRatio: 6, strides: 1 },
  { kernel: 5, repeats: 4, filtersIn: 112, filtersOut: 192, expandRatio: 6, strides: 2 },
  { kernel: 3, repeats: 1, filtersIn: 192, filtersOut: 320, expandRatio: 6, strides: 1 },
];
const SE_RATIO = 0.25;

function mbConv(kit: LayerKit, inputs: Sym, a: Omit<BlockArgs, 'repeats'>, dropRate: number, name: string): Sym {
  const filters = a.filtersIn * a.expandRatio;
  let x = inputs;
  if (a.expandRatio !== 1) {
    x = kit.conv(x, `${name}expand_conv`, { filters, kernel: 1, padding: 'same', useBias: false, init: 'effnetConv' });
    x = kit.bn(x, `${name}expand_bn`);
    x = kit.act(x, `${name}expand_activation`, 'swish');
  }
  let pad: 'same' | 'valid' = 'same';
  if (a.strides === 2) {
    x = kit.zeroPad(x, `${name}dwconv_pad`, correctPad(sideOf(x), a.kernel));
    pad = 'valid';
  }
  x = kit.depthwise(x, `${name}dwconv`, { kernel: a.kernel, strides: a.strides, padding: pad, useBias: false, init: 'effnetConv' });
  x = kit.bn(x, `${name}bn`);
  x = kit.act(x, `${name}activation`, 'swish');

  const filtersSe = Math.max(1, Math.floor(a.filtersIn * SE_RATIO));
  let se = kit.gap(x, `${name}se_squeeze`);
  se = kit.reshape(se, `${name}se_reshape`, [1, 1, filters]);
  se = kit.conv(se, `${name}se_reduce`, { filters: filtersSe, kernel: 1, padding: 'same', activation: 'swish', init: 'effnetConv' });
  se = kit.conv(se, `${name}se_expand`, { filters, kernel: 1, padding: 'same', activation: 'sigmoid', init: 'effnetConv' });
  x = kit.multiply([x, se], `${name}se_excite`);

  x = kit.conv(x, `${name}project_conv`, { filters: a.filtersOut, kernel: 1, padding: 'same', useBias: false, init: 'effnetConv' });
  x = kit.bn(x, `${name}project_bn`);
  if (a.strides === 1 && a.filtersIn === a.filtersOut) {
    if (dropRate > 0) x = kit.dropout(x, `${name}drop`, dropRate, [null, 1, 1, 1]);
    x = kit.add([x, inputs], `${name}add`);
  }
  return x;
}

/** Per-channel statistics; a grayscale input gets the mean of the RGB values. */
function perChannel(values: number[], channels: number): number[] {
  if (channels === values.length) return values;
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  return Array.from({ length: channels }, () => m);
}

export const efficientNetB0: BackboneDef = {
  name: 'efficientnetb0',
  description: 'EfficientNetB0, MBConv + squeeze-excitation, swish (Keras Applications layout and names)',
  hasKerasPreprocessing: true,
  features(kit: LayerKit, input: Sym, opts: FeatureOptions): Sym {
    let x = input;
    if (opts.includeKerasPreprocessing) {
      const channels = x.shape[3] as number;
      const std = perChannel(IMAGENET_STDDEV_RGB, channels);
      x = kit.apply(new Rescaling({ name: 'rescaling', scale: 1 / 255 }), x);
      x = kit.apply(
        new KerasNormalization({ name: 'normalization', initMean: perChannel(IMAGENET_MEAN_RGB, channels), initVariance: std }),
        x,
      );
      x = kit.apply(new Rescaling({ name: 'rescaling_1', scale: std.map((s) => 1 / Math.sqrt(s)) }), x);
    }
    x = kit.zeroPad(x, 'stem_conv_pad', correctPad(sideOf(x), 3));
    x = kit.conv(x, 'stem_conv', { filters: 32, kernel: 3, strides: 2, padding: 'valid', useBias: false, init: 'effnetConv' });
    x = kit.bn(x, 'stem_bn');
    x = kit.act(x, 'stem_activation', 'swish');

    const total = BLOCKS.reduce((s, b) => s + b.repeats, 0);
    let b = 0;
    BLOCKS.forEach((args, i) => {
      for (let j = 0; j < args.repeats; j++) {
        const a = j === 0 ? args : { ...args, strides: 1, filtersIn: args.filtersOut };
        x = mbConv(kit, x, a, (DROP_CONNECT_RATE * b) / total, `block${i + 1}${String.fromCharCode(97 + j)}_`);
        b++;
      }
    });

    x = kit.conv(x, 'top_conv', { filters: 1280, kernel: 1, padding: 'same', useBias: false, init: 'effnetConv' });
    x = kit.bn(x, 'top_bn');
    return kit.act(x, 'top_activation', 'swish');
  },
  top(kit: LayerKit, features: Sym, classes: number): Sym {
    const x = kit.dropout(kit.gap(features, 'avg_pool'), 'top_dropout', 0.2);
    return kit.dense(x, 'predictions', classes, 'softmax', 'effnetDense');
  },
};
