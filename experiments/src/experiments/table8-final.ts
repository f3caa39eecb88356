/**
 * Thesis Table 8 (002, lines 446-455): MobileNetV2, ResNet50V2 and EfficientNetB0 under the final
 * training setup, MobileNetV2 the reference.
 */
import type { ExperimentDefinition } from './definition.ts';
import { publishedRow, publishedTests } from './published.ts';
import { afterTable7, THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

export const table8Final: ExperimentDefinition = {
  name: 'table8-final',
  title: 'Architectures under the final configuration',
  thesisTable: 'Table 8',
  factor: 'architecture',
  description:
    'The three pretrained architectures, top 90 % unfrozen, with the final setup: 256/0.30 -> 128/0.30 head, weighted BCE, moderate oversampling and Basic + CutMix augmentation.',
  // line 448: "Parameters (M)" indicates the total number of model parameters
  paramsColumn: 'total',
  base: afterTable7(),
  levels: [
    // lines 451-453; the table has no regime column
    {
      label: 'MobileNetV2',
      regime: '',
      override: { model: { backbone: 'mobilenetv2' } },
      published: publishedRow([0.778, 0.006], [0.238, 0.008]),
    },
    {
      label: 'ResNet50V2',
      regime: '',
      override: { model: { backbone: 'resnet50v2' } },
      published: publishedRow([0.781, 0.005], [0.242, 0.007]),
    },
    {
      label: 'EfficientNetB0',
      regime: '',
      override: { model: { backbone: 'efficientnetb0' } },
      published: publishedRow([0.78, 0.005], [0.241, 0.007]),
    },
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  comparisons: [{ kind: 'vs-reference', reference: 'MobileNetV2' }],
  // line 455; each test is the other architecture (a) against the reference MobileNetV2 (b)
  publishedComparisons: [
    // AUC-ROC |t| = 0.67, t* = 2.81, p = 0.54; PR-AUC |t| = 0.65, t* = 2.80, p = 0.54
    ...publishedTests('ResNet50V2', 'MobileNetV2', [0.67, 2.81, 0.54], [0.65, 2.8, 0.54]),
    // AUC-ROC |t| = 0.44, t* = 2.79, p = 0.68; PR-AUC |t| = 0.49, t* = 2.78, p = 0.64
    ...publishedTests('EfficientNetB0', 'MobileNetV2', [0.44, 2.79, 0.68], [0.49, 2.78, 0.64]),
  ],
};
