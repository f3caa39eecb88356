/**
 * Why a two-class metric is undefined for a label with these class counts, or '' when it is
 * defined. Both classes are needed: AUC-ROC compares positives with negatives, and AP (and the
 * operating points) become trivial or undefined without one of them.
 */
export function undefinedReason(positives: number, negatives: number): string {
  if (positives === 0) return `yTrue has no positives (${negatives} negatives)`;
  if (negatives === 0) return `yTrue has no negatives (${positives} positives)`;
  return '';
}
