/**
 * Thesis Table 9 (002, lines 463-479) and Table 10 (lines 488-504): the intermediate model
 * (line 427) and the final one (MobileNetV2 + CutMix) compared per label with the "Liz, EffNet"
 * reference column, then calibrated and read at two operating points, from the runs' stored
 * validation and test predictions (the report's clinical section).
 */
import { LIZ_EFFNET_REFERENCE } from '@cxr/report';
import type { ExperimentDefinition } from './definition.ts';
import { publishedRow } from './published.ts';
import { afterTable6, SELECTED_CUTMIX, THESIS_METRICS, THESIS_SEEDS } from './thesis-choices.ts';

/** Table 9's Delta = AUC ours - AUC Liz per label, mean +/- sd as printed (lines 470-479): [intermediate, final]. */
export const TABLE9_PUBLISHED_DELTA: Readonly<
  Record<string, readonly [intermediate: readonly [number, number], final: readonly [number, number]]>
> = Object.freeze({
  cardiomegaly: [
    [-0.006, 0.011],
    [0.002, 0.011],
  ], // line 470
  'aortic elongation': [
    [-0.013, 0.011],
    [0.024, 0.012],
  ], // line 471
  'pleural effusion': [
    [-0.016, 0.012],
    [-0.055, 0.012],
  ], // line 472
  scoliosis: [
    [0.007, 0.012],
    [0.084, 0.013],
  ], // line 473
  'interstitial pattern': [
    [-0.004, 0.011],
    [-0.003, 0.012],
  ], // line 474
  'costophrenic angle blunting': [
    [-0.022, 0.012],
    [-0.121, 0.014],
  ], // line 475
  'air trapping': [
    [0.001, 0.012],
    [0.037, 0.013],
  ], // line 476
  unchanged: [
    [-0.018, 0.013],
    [-0.039, 0.013],
  ], // line 477
  'vertebral degenerative changes': [
    [-0.002, 0.011],
    [0.053, 0.012],
  ], // line 478
  'laminar atelectasis': [
    [-0.014, 0.013],
    [-0.085, 0.014],
  ], // line 479
});

/** Table 10 (final model only), per label and macro: Brier, Spec@Sens=95%, Sens@Spec=95% as [mean, sd] (lines 494-504). */
export const TABLE10_PUBLISHED_FINAL: Readonly<
  Record<string, { brier: readonly [number, number]; specAtSens: readonly [number, number]; sensAtSpec: readonly [number, number] }>
> = Object.freeze({
  cardiomegaly: { brier: [0.181, 0.012], specAtSens: [0.61, 0.04], sensAtSpec: [0.5, 0.04] }, // line 494
  'aortic elongation': { brier: [0.149, 0.013], specAtSens: [0.53, 0.03], sensAtSpec: [0.35, 0.04] }, // line 495
  unchanged: { brier: [0.38, 0.02], specAtSens: [0.06, 0.02], sensAtSpec: [0.09, 0.02] }, // line 496
  scoliosis: { brier: [0.21, 0.014], specAtSens: [0.18, 0.03], sensAtSpec: [0.33, 0.04] }, // line 497
  'costophrenic angle blunting': { brier: [0.168, 0.013], specAtSens: [0.15, 0.03], sensAtSpec: [0.24, 0.03] }, // line 498
  'air trapping': { brier: [0.21, 0.014], specAtSens: [0.14, 0.03], sensAtSpec: [0.18, 0.03] }, // line 499
  'pleural effusion': { brier: [0.034, 0.006], specAtSens: [0.48, 0.03], sensAtSpec: [0.73, 0.03] }, // line 500
  'interstitial pattern': { brier: [0.073, 0.01], specAtSens: [0.22, 0.03], sensAtSpec: [0.33, 0.03] }, // line 501
  'vertebral degenerative changes': { brier: [0.07, 0.01], specAtSens: [0.17, 0.03], sensAtSpec: [0.24, 0.03] }, // line 502
  'laminar atelectasis': { brier: [0.065, 0.01], specAtSens: [0.16, 0.03], sensAtSpec: [0.26, 0.03] }, // line 503
  macro: { brier: [0.154, 0.015], specAtSens: [0.27, 0.03], sensAtSpec: [0.32, 0.04] }, // line 504
});

export const table9Reference: ExperimentDefinition = {
  name: 'table9-reference',
  title: 'Per-label comparison with the reference, calibration and operating points',
  thesisTable: 'Table 9',
  factor: 'model (intermediate or final)',
  description:
    'The intermediate model (EfficientNetB0, 90 % unfrozen, 256/0.30 -> 128/0.30 head, weighted BCE, moderate oversampling) and the final one (MobileNetV2, same head and oversampling, Basic + CutMix), per label against the "Liz, EffNet" AUC-ROC column (Table 9), with Brier, ECE and the Sens/Spec = 95 % operating points fixed on validation (Table 10).',
  paramsColumn: 'total',
  // the intermediate model of line 427 is Table 6's winner; the final one adds Table 7's CutMix and Table 8's MobileNetV2
  base: afterTable6(),
  levels: [
    {
      label: 'intermediate',
      regime: 'EfficientNetB0',
      override: {},
      // Table 6, line 423 (the same configuration as "With moderate oversampling")
      published: publishedRow([0.767, 0.006], [0.223, 0.008]),
    },
    {
      label: 'final',
      regime: 'MobileNetV2 + CutMix',
      override: { model: { backbone: 'mobilenetv2' }, cutmix: structuredClone(SELECTED_CUTMIX) },
      // Table 8, line 451 (the same configuration as its MobileNetV2 row)
      published: publishedRow([0.778, 0.006], [0.238, 0.008]),
    },
  ],
  seeds: [...THESIS_SEEDS],
  metrics: [...THESIS_METRICS],
  // lines 481-483 compare the two qualitatively (no test printed), so the pair is planned without a published one
  comparisons: [{ kind: 'pair', a: 'final', b: 'intermediate' }],
  clinical: { reference: LIZ_EFFNET_REFERENCE },
};
