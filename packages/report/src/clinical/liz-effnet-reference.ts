/** The default reference column of Table 9: Liz et al.'s EfficientNet per-label AUC-ROC, as the thesis quotes it. */
import type { ReferenceColumn } from './clinical-types.ts';

/**
 * The "Liz, EffNet" column of thesis 002's Table 9 (../shared/seeds/002_5dfe962da7df0371.txt,
 * lines 469-479; the thesis takes it from Table 8 of Liz et al. [29]), keyed by the PadChest
 * adapter's label names (PADCHEST_THESIS_LABELS in @cxr/data, which report may not import; the
 * ten names are written out here in that list's order; experiments/src/experiments/table9-reference.test.ts checks they match).
 */
export const LIZ_EFFNET_REFERENCE: ReferenceColumn = Object.freeze({
  name: 'Liz, EffNet',
  source: 'Liz et al. [29], Table 8, as quoted in thesis 002 Table 9 (lines 469-479)',
  auc: Object.freeze({
    cardiomegaly: 0.907, // line 470
    'aortic elongation': 0.846, // line 471
    unchanged: 0.614, // line 477
    scoliosis: 0.712, // line 473
    'costophrenic angle blunting': 0.845, // line 475 ("Costophrenic angle b.")
    'air trapping': 0.687, // line 476
    'pleural effusion': 0.951, // line 472
    'interstitial pattern': 0.795, // line 474
    'vertebral degenerative changes': 0.721, // line 478 ("Vertebral degenerative c.")
    'laminar atelectasis': 0.806, // line 479
  }),
}) as ReferenceColumn;
