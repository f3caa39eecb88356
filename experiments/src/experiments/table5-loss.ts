/**
 * Thesis Table 5 (002, lines 402-413): three losses against label imbalance on the architecture
 * fixed by Tables 1-4 (EfficientNetB0, pretrained, 90 % unfrozen, 256/0.30 -> 128/0.30 head).
 */
import type { ExperimentDefinition } from './definition.ts';
import { publishedRow, publishedTests } from './published.ts';
import { afterTable4, THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

export const table5Loss: ExperimentDefinition = {
  name: 'table5-loss',
  title: 'Loss functions',
  thesisTable: 'Table 5',
  factor: 'loss function',
  description:
    'Weighted BCE with logits (per-label weights proportional to 1/prevalence, mean 1; eq. 22-24), focal loss (alpha 0.20, gamma 2.5; eq. 25) and class-balanced focal loss (effective-number weights; eq. 26).',
  // line 406: Table 5 has no parameters column
  paramsColumn: null,
  base: afterTable4(),
  levels: [
    // lines 409-411; the table has no regime column
    {
      label: 'Weighted BCE with logits',
      regime: '',
      override: { loss: { name: 'weighted-bce' } },
      published: publishedRow([0.753, 0.006], [0.204, 0.008]),
    },
    {
      label: 'Focal (alpha=0.20, gamma=2.5)',
      regime: '',
      override: { loss: { name: 'focal', alpha: 0.2, gamma: 2.5 } },
      published: publishedRow([0.734, 0.01], [0.18, 0.011]),
    },
    // assumption: the thesis gives no gamma or beta for the class-balanced variant; gamma 2.5 as the focal row, beta 0.999 (DEFAULT_LOSS)
    {
      label: 'Class-balanced focal',
      regime: '',
      override: { loss: { name: 'cb-focal', gamma: 2.5 } },
      published: publishedRow([0.738, 0.006], [0.185, 0.007]),
    },
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  // line 413: weighted BCE against the next best, class-balanced focal
  comparisons: [{ kind: 'pair', a: 'Weighted BCE with logits', b: 'Class-balanced focal' }],
  // line 413: AUC-ROC |t| = 3.06 > t* = 2.78, p = 0.038; PR-AUC |t| = 3.10 > t* = 2.80, p = 0.037
  publishedComparisons: publishedTests('Weighted BCE with logits', 'Class-balanced focal', [3.06, 2.78, 0.038], [3.1, 2.8, 0.037]),
};
