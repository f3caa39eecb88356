/**
 * Thesis Table 7 (002, lines 431-440): the basic augmentation alone, with MixUp (alpha 0.4) and with
 * CutMix, on the intermediate model (line 427).
 */
import type { ExperimentDefinition } from './definition.ts';
import { publishedRow, publishedTests } from './published.ts';
import { afterTable6, SELECTED_CUTMIX, THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

export const table7Augmentation: ExperimentDefinition = {
  name: 'table7-augmentation',
  title: 'Data augmentation techniques',
  thesisTable: 'Table 7',
  factor: 'augmentation and example mixing',
  description:
    'The intermediate model (EfficientNetB0, pretrained, 90 % unfrozen, 256/0.30 -> 128/0.30 head, weighted BCE, moderate oversampling) with the basic augmentation (rotation, zoom, translation, brightness, noise; no flips), plus MixUp or CutMix.',
  // line 433: Table 7 has no parameters column
  paramsColumn: null,
  base: afterTable6(),
  levels: [
    // lines 436-438; the table has no regime column
    { label: 'Basic', regime: '', override: { mixup: null, cutmix: null }, published: publishedRow([0.767, 0.006], [0.223, 0.008]) },
    {
      label: 'Basic + MixUp (alpha=0.40)',
      regime: '',
      // assumption (presets.ts SECTION_DEFAULTS): MixUp on half of the batches' samples; the thesis gives only alpha
      override: { mixup: { alpha: 0.4 }, cutmix: null },
      published: publishedRow([0.764, 0.009], [0.221, 0.01]),
    },
    {
      label: 'Basic + CutMix',
      regime: '',
      override: { mixup: null, cutmix: structuredClone(SELECTED_CUTMIX) },
      published: publishedRow([0.78, 0.005], [0.241, 0.007]),
    },
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  // line 440: CutMix against Basic (MixUp's small drop is stated but not tested)
  comparisons: [{ kind: 'pair', a: 'Basic + CutMix', b: 'Basic' }],
  // line 440: AUC-ROC |t| = 2.88 > t* = 2.81, p = 0.045; PR-AUC |t| = 2.93 > t* = 2.80, p = 0.040
  publishedComparisons: publishedTests('Basic + CutMix', 'Basic', [2.88, 2.81, 0.045], [2.93, 2.8, 0.04]),
};
