import { z } from 'zod';
import type * as tf from '@tensorflow/tfjs';
import { TrainArgumentError } from '../errors.ts';
import type { LabelCounts } from './label-counts.ts';
import { classBalancedWeights, inversePrevalenceWeights, positiveClassWeights } from './label-weights.ts';
import { focalLoss, posWeightBce, weightedBce } from './losses.ts';

/** The losses a run config can name. */
export const LOSS_NAMES = ['weighted-bce', 'pos-weight-bce', 'focal', 'cb-focal'] as const;
export type LossName = (typeof LOSS_NAMES)[number];

/** Loss section of a run config; parameters not used by the named loss are ignored. */
export const LOSS_CONFIG_SCHEMA = z.strictObject({
  name: z.enum(LOSS_NAMES),
  /** focal: weight of the positive term (thesis Table 5: 0.20). */
  alpha: z.number().min(0).max(1),
  /** focal and cb-focal: focusing exponent (thesis Table 5: 2.5). */
  gamma: z.number().min(0),
  /** cb-focal: effective-number β (Cui et al. 2019 use 0.9999 for long tails; 0.999 here). */
  beta: z.number().min(0).max(0.999999999),
  /**
   * Per-label weights by label name replacing the computed ones (weighted-bce, pos-weight-bce,
   * cb-focal), e.g. seed 000's Tables 2-3; labels not named keep theirs. Absent/null = all computed.
   */
  weights: z.record(z.string().min(1), z.number().gt(0)).nullable().optional(),
});
export type LossConfig = z.infer<typeof LOSS_CONFIG_SCHEMA>;

export const DEFAULT_LOSS: LossConfig = { name: 'weighted-bce', alpha: 0.2, gamma: 2.5, beta: 0.999 };

/** A loss bound to its per-label weights (computed once from the training labels). */
export interface BoundLoss {
  name: LossName;
  /** Per-label weights used (w_i, pos_weight_i or α_i^CB); null for plain focal. */
  weights: Float32Array | null;
  compute(logits: tf.Tensor2D, targets: tf.Tensor2D, mask: tf.Tensor2D | null): tf.Scalar;
}

/**
 * Builds the configured loss with weights from the training-set label counts.
 *
 * `labelNames` (in label order) is needed when the config has a `weights` table.
 *
 * @throws TrainArgumentError for an unknown loss name (listing the valid ones), or a `weights`
 *   table naming a label the run does not have (or given without labelNames).
 * @example buildLoss({...DEFAULT_LOSS}, {positives: [1, 3], totals: [4, 4]}).weights // [1.5, 0.5]
 */
export function buildLoss(config: LossConfig, counts: LabelCounts, labelNames?: readonly string[]): BoundLoss {
  const table = (w: Float32Array) => withWeightTable(w, config.weights ?? null, labelNames);
  switch (config.name) {
    case 'weighted-bce': {
      const w = table(inversePrevalenceWeights(counts));
      return { name: config.name, weights: w, compute: (z, y, m) => weightedBce(z, y, w, m) };
    }
    case 'pos-weight-bce': {
      const w = table(positiveClassWeights(counts));
      return { name: config.name, weights: w, compute: (z, y, m) => posWeightBce(z, y, w, m) };
    }
    case 'focal':
      return { name: config.name, weights: null, compute: (z, y, m) => focalLoss(z, y, { alpha: config.alpha, gamma: config.gamma }, m) };
    case 'cb-focal': {
      const w = table(classBalancedWeights(counts, config.beta));
      return {
        name: config.name,
        weights: w,
        compute: (z, y, m) => focalLoss(z, y, { alpha: null, gamma: config.gamma, labelWeights: w }, m),
      };
    }
    default:
      throw new TrainArgumentError('buildLoss', 'config.name', `one of ${LOSS_NAMES.join(', ')}`, (config as { name: unknown }).name);
  }
}

/** `computed` with the table's entries put in by label name. */
function withWeightTable(
  computed: Float32Array,
  table: Record<string, number> | null,
  labelNames: readonly string[] | undefined,
): Float32Array {
  if (!table) return computed;
  const out = computed.slice();
  for (const [label, w] of Object.entries(table)) {
    const k = labelNames ? labelNames.indexOf(label) : -1;
    if (k < 0)
      throw new TrainArgumentError('buildLoss', `loss.weights.${label}`, `a label of the run (${(labelNames ?? []).join(', ')})`, label);
    out[k] = w;
  }
  return out;
}
