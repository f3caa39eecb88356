import { DataArgumentError } from '../errors.ts';
import { UNCERTAIN, type UncertaintyPolicy } from '../records.ts';

/** The uncertainty policies, as `--uncertain` spells them. */
export const UNCERTAINTY_POLICIES = ['ones', 'zeros', 'ignore'] as const;

/** Options of {@link applyUncertaintyPolicy}. */
export interface UncertaintyOptions {
  /**
   * Index of 'No Finding' in each K-vector. With U-Zeros, a vector left with no positive gets
   * No Finding = 1 (001, section 2.2.2: CheXpert defines No Finding as the absence of all findings).
   */
  noFindingIndex?: number;
  /** Labels per vector (K) when `labels` holds several vectors back to back; default labels.length. */
  numLabels?: number;
}

/**
 * Maps CheXpert's uncertain value (UNCERTAIN, -1) under a policy (Irvin et al. 2019; 001, section
 * 2.2.2): U-Ones -> 1, U-Zeros -> 0, U-Ignore -> 0 with mask 0 so the loss skips it. Every other
 * value passes through with mask 1.
 *
 * Cost: O(labels.length).
 * Throws DataArgumentError for an unknown policy, a value that is neither UNCERTAIN nor in [0, 1],
 * or options that do not fit the array.
 *
 * @example applyUncertaintyPolicy(Float32Array.of(1, -1, 0), 'ignore') // targets [1, 0, 0], mask [1, 0, 1]
 */
export function applyUncertaintyPolicy(
  labels: Float32Array,
  policy: UncertaintyPolicy,
  options: UncertaintyOptions = {},
): { targets: Float32Array; mask: Float32Array } {
  const fn = 'applyUncertaintyPolicy';
  if (!UNCERTAINTY_POLICIES.includes(policy))
    throw new DataArgumentError(fn, 'policy', `one of ${UNCERTAINTY_POLICIES.join(', ')}`, policy);
  const k = options.numLabels ?? labels.length;
  if (!Number.isInteger(k) || k < 1 || labels.length % k !== 0) {
    throw new DataArgumentError(fn, 'options.numLabels', `a positive divisor of labels.length (${labels.length})`, options.numLabels);
  }
  const nf = options.noFindingIndex;
  if (nf !== undefined && (!Number.isInteger(nf) || nf < 0 || nf >= k)) {
    throw new DataArgumentError(fn, 'options.noFindingIndex', `an integer in [0, ${k - 1}]`, nf);
  }
  const targets = new Float32Array(labels.length);
  const mask = new Float32Array(labels.length).fill(1);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i]!;
    if (v === UNCERTAIN) {
      if (policy === 'ones') targets[i] = 1;
      else if (policy === 'ignore') mask[i] = 0;
    } else if (v >= 0 && v <= 1) {
      targets[i] = v;
    } else {
      throw new DataArgumentError(fn, `labels[${i}]`, `UNCERTAIN (${UNCERTAIN}) or a value in [0, 1]`, v);
    }
  }
  if (policy === 'zeros' && nf !== undefined) {
    for (let start = 0; start < labels.length; start += k) {
      let any = false;
      for (let j = start; j < start + k; j++) if (targets[j]! > 0) any = true;
      if (!any) targets[start + nf] = 1;
    }
  }
  return { targets, mask };
}
