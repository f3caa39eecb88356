/**
 * Thesis Table 2 (002, lines 360-372): EfficientNetB0 fine-tuned with the top 0, 25, 50, 75, 90 or
 * 100 % of its backbone layers trainable; the head always trains.
 */
import type { ExperimentDefinition, ExperimentLevel } from './definition.ts';
import { publishedRow, publishedTests, type Cell2 } from './published.ts';
import { THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

function unfrozen(percent: number, regime: string, aucRoc: Cell2, prAuc: Cell2): ExperimentLevel {
  return { label: `${percent} %`, regime, override: { model: { unfreeze: percent / 100 } }, published: publishedRow(aucRoc, prAuc) };
}

export const table2Unfreeze: ExperimentDefinition = {
  name: 'table2-unfreeze',
  title: 'EfficientNetB0 fine-tuning: unfrozen layers',
  thesisTable: 'Table 2',
  factor: 'fraction of backbone layers unfrozen',
  description:
    'EfficientNetB0 from pretrained weights with the top fraction of its backbone layers trainable (0 % trains the head only); the 512/0.20 head and the rest of the protocol are unchanged.',
  // line 362: "Parameters (M)" shows the number of trainable parameters
  paramsColumn: 'trainable',
  // line 360: EfficientNetB0 fixed after Table 1; otherwise the protocol of lines 309-313 = PAPER_CONFIG
  base: {},
  levels: [
    // lines 365-370
    unfrozen(0, 'Head only', [0.61, 0.012], [0.11, 0.01]),
    unfrozen(25, 'Partial fine-tuning', [0.665, 0.011], [0.14, 0.011]),
    unfrozen(50, 'Partial fine-tuning', [0.705, 0.01], [0.165, 0.01]),
    unfrozen(75, 'Partial fine-tuning', [0.73, 0.008], [0.178, 0.009]),
    unfrozen(90, 'Extensive fine-tuning', [0.739, 0.006], [0.185, 0.008]),
    unfrozen(100, 'Full fine-tuning', [0.736, 0.007], [0.183, 0.009]),
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  comparisons: [
    // line 372: full unfreezing against 90 %
    { kind: 'pair', a: '90 %', b: '100 %' },
    // not tested in the thesis: head-only against the thesis' best level, the contrast issue 15's acceptance asks for
    { kind: 'pair', a: '90 %', b: '0 %' },
  ],
  // line 372: AUC-ROC |t| = 0.56 < t* = 2.80, p = 0.60; PR-AUC |t| = 0.29 < t* = 2.79, p = 0.78
  publishedComparisons: publishedTests('90 %', '100 %', [0.56, 2.8, 0.6], [0.29, 2.79, 0.78]),
};
