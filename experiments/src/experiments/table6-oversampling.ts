/**
 * Thesis Table 6 (002, lines 417-425): moderate positive oversampling of minority labels against
 * none, on the configuration fixed by Tables 1-5.
 */
import type { ExperimentDefinition } from './definition.ts';
import { publishedRow, publishedTests } from './published.ts';
import { afterTable4, MODERATE_OVERSAMPLING, THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

export const table6Oversampling: ExperimentDefinition = {
  name: 'table6-oversampling',
  title: 'Minority-class oversampling',
  thesisTable: 'Table 6',
  factor: 'oversampling of minority-label positives',
  description:
    'EfficientNetB0 (pretrained, 90 % unfrozen, 256/0.30 -> 128/0.30 head, weighted BCE) trained with and without moderate oversampling of images with rare positive labels.',
  // line 419: Table 6 has no parameters column
  paramsColumn: null,
  // line 417: "keeping the previous configuration fixed" - Table 5 kept weighted BCE, PAPER_CONFIG's loss
  base: afterTable4(),
  levels: [
    // lines 422-423; the table has no regime column
    {
      label: 'Without oversampling',
      regime: '',
      override: { sampling: { oversample: null } },
      published: publishedRow([0.753, 0.006], [0.204, 0.008]),
    },
    {
      label: 'With moderate oversampling',
      regime: '',
      // assumption (presets.ts): "moderate" = an image at most twice per epoch
      override: { sampling: { oversample: structuredClone(MODERATE_OVERSAMPLING) } },
      published: publishedRow([0.767, 0.006], [0.223, 0.008]),
    },
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  comparisons: [{ kind: 'pair', a: 'With moderate oversampling', b: 'Without oversampling' }],
  // line 425: AUC-ROC |t| = 2.86 > t* = 2.78, p = 0.046; PR-AUC |t| = 2.91 > t* = 2.78, p = 0.042 (the same figures as Table 4's test, line 398)
  publishedComparisons: publishedTests('With moderate oversampling', 'Without oversampling', [2.86, 2.78, 0.046], [2.91, 2.78, 0.042]),
};
