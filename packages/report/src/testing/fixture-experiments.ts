/**
 * How a caller would describe the fixture's two experiments (ReportExperiment): titles, the
 * thesis table each mirrors, regimes, planned comparisons and the thesis' published numbers
 * (../shared/seeds/002: Table 2 and the text below it; Table 5 and the text below it).
 */
import type { ReportExperiment } from '../report-types.ts';
import { FIXTURE_LOSS, FIXTURE_SEEDS, FIXTURE_UNFREEZE, UNFREEZE_BASE } from './fixture-data.ts';

const auc = (mean: number, sd: number) => ({ mean, sd });

/** 'fixture-unfreeze' described like thesis Table 2 (trainable parameters; 90 % vs 100 % published as |t| = 0.56, p = 0.60). */
export const FIXTURE_UNFREEZE_EXPERIMENT: ReportExperiment = {
  name: FIXTURE_UNFREEZE.name,
  title: 'Fraction of backbone layers unfrozen (fixture)',
  thesisTable: 'Table 2',
  factor: 'fraction of backbone layers unfrozen',
  description: FIXTURE_UNFREEZE.description,
  paramsColumn: 'trainable',
  levels: [
    { label: '0 %', regime: 'head only', published: { macro_auc_roc: auc(0.61, 0.012), macro_pr_auc: auc(0.11, 0.01) } },
    { label: '50 %', regime: 'partial fine-tuning', published: { macro_auc_roc: auc(0.705, 0.01), macro_pr_auc: auc(0.165, 0.01) } },
    { label: '90 %', regime: 'extensive fine-tuning', published: { macro_auc_roc: auc(0.739, 0.006), macro_pr_auc: auc(0.185, 0.008) } },
    { label: '100 %', regime: 'full fine-tuning', published: { macro_auc_roc: auc(0.736, 0.007), macro_pr_auc: auc(0.183, 0.009) } },
  ],
  metrics: ['macro_auc_roc', 'macro_pr_auc'],
  comparisons: [{ kind: 'pair', a: '90 %', b: '100 %' }, { kind: 'best-vs-next' }, { kind: 'vs-reference', reference: '0 %' }],
  publishedComparisons: [{ a: '90 %', b: '100 %', metric: 'macro_auc_roc', t: 0.56, tCritical: 2.8, p: 0.6 }],
  alpha: 0.05,
  correction: 'holm',
  seeds: [...FIXTURE_SEEDS],
  profile: 'fixture',
  baseConfig: UNFREEZE_BASE,
};

/** 'fixture-loss' described like thesis Table 5 (no parameter column; best vs next published on PR-AUC as |t| = 3.10, p = 0.037). */
export const FIXTURE_LOSS_EXPERIMENT: ReportExperiment = {
  name: FIXTURE_LOSS.name,
  title: 'Loss functions against label imbalance (fixture)',
  thesisTable: 'Table 5',
  factor: 'loss function',
  paramsColumn: null,
  levels: [
    {
      label: 'weighted-bce',
      regime: 'weighted BCE with logits',
      published: { macro_auc_roc: auc(0.753, 0.006), macro_pr_auc: auc(0.204, 0.008) },
    },
    { label: 'focal_a0.20_g2.5', regime: 'focal' },
    {
      label: 'class-balanced focal',
      regime: 'class-balanced focal',
      published: { macro_auc_roc: auc(0.738, 0.006), macro_pr_auc: auc(0.185, 0.007) },
    },
  ],
  metrics: ['macro_auc_roc', 'macro_pr_auc', 'brier'],
  comparisons: [{ kind: 'best-vs-next' }],
  publishedComparisons: [{ a: 'weighted-bce', b: 'class-balanced focal', metric: 'macro_pr_auc', t: 3.1, tCritical: 2.8, p: 0.037 }],
  correction: 'bh',
  seeds: [...FIXTURE_SEEDS],
};

/** Both fixture experiments, in the order buildFixtureStore registers them. */
export const FIXTURE_EXPERIMENTS: ReportExperiment[] = [FIXTURE_UNFREEZE_EXPERIMENT, FIXTURE_LOSS_EXPERIMENT];
