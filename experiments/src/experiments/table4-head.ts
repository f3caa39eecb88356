/**
 * Thesis Table 4 (002, lines 388-398): four classification heads on EfficientNetB0 (pretrained, top
 * 90 % unfrozen). "u/d" is a dense ReLU layer of u units followed by dropout d.
 */
import type { ExperimentDefinition, ExperimentLevel } from './definition.ts';
import { publishedRow, publishedTests, type Cell2 } from './published.ts';
import { THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

function head(layers: [units: number, dropout: number][], aucRoc: Cell2, prAuc: Cell2): ExperimentLevel {
  return {
    label: layers.map(([u, d]) => `${u}/${d.toFixed(2)}`).join(' -> '),
    regime: '', // the table has no regime column
    override: { model: { head: layers.map(([units, dropout]) => ({ units, dropout })) } },
    published: publishedRow(aucRoc, prAuc),
  };
}

export const table4Head: ExperimentDefinition = {
  name: 'table4-head',
  title: 'Classifier structure (dense head)',
  thesisTable: 'Table 4',
  factor: 'classification head (units / dropout per layer)',
  description:
    'EfficientNetB0 from pretrained weights with the top 90 % unfrozen; the head after global average pooling is one or two dense ReLU layers with dropout, then the 10-logit output.',
  // line 390: Table 4 has no parameters column
  paramsColumn: null,
  // lines 376-384: pretrained EfficientNetB0 with 90 % unfrozen = PAPER_CONFIG
  base: {},
  levels: [
    // lines 393-396
    head([[512, 0.2]], [0.739, 0.006], [0.185, 0.008]),
    head(
      [
        [512, 0.4],
        [256, 0.3],
      ],
      [0.736, 0.007],
      [0.181, 0.009],
    ),
    head(
      [
        [256, 0.3],
        [128, 0.3],
      ],
      [0.753, 0.006],
      [0.204, 0.008],
    ),
    head(
      [
        [128, 0.2],
        [64, 0.2],
      ],
      [0.734, 0.01],
      [0.176, 0.011],
    ),
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  comparisons: [{ kind: 'pair', a: '256/0.30 -> 128/0.30', b: '512/0.20' }],
  // line 398: AUC-ROC |t| = 2.86 > t* = 2.78, p = 0.046; PR-AUC |t| = 2.91 > t* = 2.78, p = 0.042
  publishedComparisons: publishedTests('256/0.30 -> 128/0.30', '512/0.20', [2.86, 2.78, 0.046], [2.91, 2.78, 0.042]),
};
