import { DataArgumentError } from '../errors.ts';
import { UNCERTAIN, type CxrRecord, type UncertaintyPolicy } from '../records.ts';

/** Per-label counts over a set of records. */
export interface LabelCount {
  name: string;
  /** Records whose target is 1 under the policy. */
  positives: number;
  /** Records whose label is UNCERTAIN before the policy (CheXpert only). */
  uncertain: number;
}

/**
 * Counts positives per label under an uncertainty policy: U-Ones counts UNCERTAIN as positive,
 * U-Zeros and U-Ignore do not (U-Ignore masks them instead).
 *
 * Cost: O(records x labels).
 * Throws DataArgumentError when a record's label vector has the wrong length.
 *
 * @example countLabels([{ ...r, labels: Float32Array.of(1, -1) }], ['a', 'b'], 'ones') // [{name:'a',positives:1,uncertain:0},{name:'b',positives:1,uncertain:1}]
 */
export function countLabels(records: CxrRecord[], labelNames: string[], policy: UncertaintyPolicy): LabelCount[] {
  const counts = labelNames.map((name) => ({ name, positives: 0, uncertain: 0 }));
  records.forEach((r, i) => {
    if (r.labels.length !== labelNames.length) {
      throw new DataArgumentError('countLabels', `records[${i}].labels`, `length ${labelNames.length}`, r.labels);
    }
    for (let j = 0; j < labelNames.length; j++) {
      const v = r.labels[j]!;
      if (v === 1 || (v === UNCERTAIN && policy === 'ones')) counts[j]!.positives++;
      if (v === UNCERTAIN) counts[j]!.uncertain++;
    }
  });
  return counts;
}
