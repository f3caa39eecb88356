/**
 * Thesis Table 1 (002, lines 345-356): lightweight CNNs trained from scratch against fine-tuned
 * ImageNet-style backbones. Each level carries its own regime (init, unfrozen fraction, head, input
 * scaling), since the regime is what the table contrasts.
 */
import type { ExperimentDefinition, ExperimentLevel } from './definition.ts';
import { publishedRow, publishedTests, type Cell2 } from './published.ts';
import { THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

function fromScratch(blocks: 3 | 4 | 5 | 6, aucRoc: Cell2, prAuc: Cell2): ExperimentLevel {
  return {
    label: `CNN-${blocks}`,
    regime: 'From scratch',
    override: {
      // line 307: global average pooling, then a 256-unit ReLU layer with dropout 0.2
      model: { backbone: `cnn${blocks}`, head: [{ units: 256, dropout: 0.2 }], init: 'random', unfreeze: 1 },
      // line 285: from scratch, intensities in [0, 1]; only pretrained models get the gray channel replicated to three
      image: { channels: 1, normalization: 'unit' },
    },
    published: publishedRow(aucRoc, prAuc),
  };
}

function fineTuned(label: string, backbone: string, aucRoc: Cell2, prAuc: Cell2): ExperimentLevel {
  return {
    label,
    regime: 'Fine-tuning (TL)',
    // line 309: pretrained, top 90 % unfrozen, 512/0.20 head (the base's head and input scaling)
    override: { model: { backbone, init: 'pretrained', unfreeze: 0.9 } },
    published: publishedRow(aucRoc, prAuc),
  };
}

export const table1Backbones: ExperimentDefinition = {
  name: 'table1-backbones',
  title: 'Lightweight CNNs from scratch vs pretrained architectures',
  thesisTable: 'Table 1',
  factor: 'architecture and training regime',
  description:
    'CNN-3 to CNN-6 (convolution-ReLU-batch norm-pooling blocks) trained from scratch on [0, 1] gray inputs, against MobileNetV2, ResNet50V2 and EfficientNetB0 fine-tuned from pretrained weights with the top 90 % unfrozen.',
  // line 345: "Parameters (M)" indicates the total number of model parameters
  paramsColumn: 'total',
  // PAPER_CONFIG is the thesis' starting configuration (lines 307-313); the levels set the rest
  base: {},
  levels: [
    // lines 348-354, mean +/- sd of AUC-ROC and PR-AUC
    fromScratch(3, [0.6, 0.03], [0.13, 0.02]),
    fromScratch(4, [0.64, 0.03], [0.15, 0.02]),
    fromScratch(5, [0.67, 0.03], [0.16, 0.018]),
    fromScratch(6, [0.67, 0.03], [0.16, 0.018]),
    fineTuned('MobileNetV2', 'mobilenetv2', [0.734, 0.009], [0.182, 0.01]),
    fineTuned('ResNet50V2', 'resnet50v2', [0.741, 0.007], [0.187, 0.008]),
    fineTuned('EfficientNetB0', 'efficientnetb0', [0.739, 0.006], [0.185, 0.008]),
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  // line 356 tests ResNet50V2 against EfficientNetB0, which are also the best and next best there
  comparisons: [{ kind: 'pair', a: 'ResNet50V2', b: 'EfficientNetB0' }, { kind: 'best-vs-next' }],
  // line 356: AUC-ROC |t| = 0.38 < t* = 2.79, p = 0.72; PR-AUC |t| = 0.31 < t* = 2.78, p = 0.76
  publishedComparisons: publishedTests('ResNet50V2', 'EfficientNetB0', [0.38, 2.79, 0.72], [0.31, 2.78, 0.76]),
};
