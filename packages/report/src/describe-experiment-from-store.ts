/** A generic ReportExperiment for an experiment that has no definition (a user's own ad-hoc runs). */
import type { ResultsStore } from '@cxr/results';
import { knownExperiment } from './model/known-experiment.ts';
import type { ReportExperiment } from './report-types.ts';

/**
 * Describes experiment `name` from what the store holds: its labels (those with runs) as levels in
 * registration order with regime '', test macro AUC-ROC then PR-AUC, best vs next best, total
 * parameters, no thesis table; the title is the name, the description the stored one.
 *
 * @throws ReportArgumentError for an experiment the store does not hold (the message lists those it does).
 * @example describeExperimentFromStore(store, 'adhoc') // { name: 'adhoc', levels: [{ label: 'smoke', regime: '' }], comparisons: [{ kind: 'best-vs-next' }], ... }
 */
export function describeExperimentFromStore(store: ResultsStore, name: string): ReportExperiment {
  const summary = knownExperiment(store, name, 'describeExperimentFromStore', 'name');
  const labels = [...new Set(store.listRuns({ experiment: name }).map((r) => r.label))];
  return {
    name,
    title: name,
    thesisTable: null,
    factor: 'configuration',
    ...(summary.description === null ? {} : { description: summary.description }),
    paramsColumn: 'total',
    levels: labels.map((label) => ({ label, regime: '' })),
    metrics: ['macro_auc_roc', 'macro_pr_auc'],
    comparisons: [{ kind: 'best-vs-next' }],
    profile: null,
  };
}
