/**
 * Thresholds a user can deploy, per label and rule, fixed on a run's validation predictions: the
 * seed-000 procedures (Youden's J, best F1 with a precision floor, its dynamic downward
 * adjustment) and thesis Table 10's two operating points (sensitivity >= 95 %, specificity >= 95 %),
 * each with the parameters it used and the validation figures it reached.
 */
import type { PredictionSet } from '@cxr/results';
import {
  confusionAt,
  defaultF1Grid,
  f1ThresholdWithDynamicAdjustment,
  f1ThresholdWithMinPrecision,
  thresholdForSensitivity,
  thresholdForSpecificity,
  youdenThreshold,
  type StatsProblem,
} from '@cxr/stats';
import { ReportArgumentError } from '../errors.ts';

/** The rules, in the order files and tables list them. */
export const THRESHOLD_RULES = ['youden', 'f1-min-precision', 'dynamic', 'sens95', 'spec95'] as const;
export type ThresholdRule = (typeof THRESHOLD_RULES)[number];

/** What a threshold achieved on validation (positive when probability >= threshold); null where undefined. */
export interface ValidationFigures {
  sensitivity: number | null;
  specificity: number | null;
  /** null when nothing is predicted positive. */
  precision: number | null;
  f1: number | null;
}

/** One rule's threshold for one label. */
export interface ThresholdEntry {
  rule: ThresholdRule;
  /** The rule's settings (grid, floors, targets) as applied. */
  parameters: Record<string, number | number[]>;
  /** null when the rule has no answer on this validation set (`note` says why). +Infinity is written as null too. */
  threshold: number | null;
  validation: ValidationFigures;
  note?: string;
}

/** label -> rule -> entry, labels in the run's order. */
export type DeployableThresholds = Record<string, Record<ThresholdRule, ThresholdEntry>>;

/** Settings of deployableThresholds; the defaults are seed document 000's and thesis Table 10's. */
export interface DeployableThresholdsOptions {
  /** Precision floor of 'f1-min-precision' and 'dynamic'; default 0.40, the value seed 000's system ran with (its section on custom thresholds: "precision >= 0.40"). */
  minPrecision?: number;
  /** 'dynamic' lowers the threshold when the best F1 is below this; default 0.30 (seed 000). */
  minF1?: number;
  /** How far 'dynamic' lowers it; default 0.05 (seed 000). */
  adjustment?: number;
  /** Target of 'sens95'; default 0.95. */
  sensitivity?: number;
  /** Target of 'spec95'; default 0.95. */
  specificity?: number;
}

/**
 * Per label of `val` (a run's validation predictions), the five rules' thresholds and what each
 * reached there. Entries whose stored label is neither 0 nor 1 (e.g. CheXpert's -1 uncertain) are
 * left out of that label's figures, since they have no ground truth to count. The rule functions
 * are @cxr/stats' (youdenThreshold, f1ThresholdWithMinPrecision on defaultF1Grid 0.10-0.85,
 * f1ThresholdWithDynamicAdjustment, thresholdForSensitivity, thresholdForSpecificity).
 *
 * Cost: O(K * N log N).
 * @throws ReportArgumentError when `val` is not a well-formed prediction set or an option is outside [0, 1].
 * @example deployableThresholds({ split: 'val', labelNames: ['a'], rows: 4, cols: 1, labels: Float32Array.from([0, 0, 1, 1]), probabilities: Float32Array.from([0.1, 0.4, 0.35, 0.8]) })['a']!.youden
 *   // { rule: 'youden', parameters: {}, threshold: 0.8 (as float32), validation: { sensitivity: 0.5, specificity: 1, precision: 1, f1: 0.667 } }
 */
export function deployableThresholds(val: PredictionSet, options: DeployableThresholdsOptions = {}): DeployableThresholds {
  const fn = 'deployableThresholds';
  checkPredictionSet(fn, val);
  const minPrecision = unitOption(fn, 'minPrecision', options.minPrecision ?? 0.4);
  const minF1 = unitOption(fn, 'minF1', options.minF1 ?? 0.3);
  const adjustment = unitOption(fn, 'adjustment', options.adjustment ?? 0.05);
  const sensitivity = unitOption(fn, 'sensitivity', options.sensitivity ?? 0.95);
  const specificity = unitOption(fn, 'specificity', options.specificity ?? 0.95);
  const grid = defaultF1Grid();
  const out: DeployableThresholds = {};
  val.labelNames.forEach((label, k) => {
    const { yTrue, yScore } = labelColumn(val, k);
    const entry = (rule: ThresholdRule, parameters: ThresholdEntry['parameters'], find: (p: StatsProblem[]) => number): ThresholdEntry =>
      makeEntry(rule, parameters, yTrue, yScore, find);
    out[label] = {
      youden: entry('youden', {}, (p) => youdenThreshold(yTrue, yScore, p)),
      'f1-min-precision': entry('f1-min-precision', { minPrecision, grid }, (p) =>
        f1ThresholdWithMinPrecision(yTrue, yScore, minPrecision, grid, p),
      ),
      dynamic: entry('dynamic', { minPrecision, minF1, adjustment, grid }, (p) =>
        f1ThresholdWithDynamicAdjustment(yTrue, yScore, minPrecision, { grid, minF1, adjustment }, p),
      ),
      sens95: entry('sens95', { targetSensitivity: sensitivity }, (p) => thresholdForSensitivity(yTrue, yScore, sensitivity, p)),
      spec95: entry('spec95', { targetSpecificity: specificity }, (p) => thresholdForSpecificity(yTrue, yScore, specificity, p)),
    };
  });
  return out;
}

function makeEntry(
  rule: ThresholdRule,
  parameters: ThresholdEntry['parameters'],
  yTrue: number[],
  yScore: number[],
  find: (problems: StatsProblem[]) => number,
): ThresholdEntry {
  const problems: StatsProblem[] = [];
  const threshold = yTrue.length === 0 ? Number.NaN : find(problems);
  if (Number.isNaN(threshold)) {
    const why = yTrue.length === 0 ? 'no validation image has a 0/1 label here' : problems.map((p) => p.reason).join('; ') || 'undefined';
    return {
      rule,
      parameters,
      threshold: null,
      validation: { sensitivity: null, specificity: null, precision: null, f1: null },
      note: why,
    };
  }
  const c = confusionAt(yTrue, yScore, threshold);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const validation = {
    sensitivity: ratio(c.tp, c.tp + c.fn),
    specificity: ratio(c.tn, c.tn + c.fp),
    precision: ratio(c.tp, c.tp + c.fp),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
  };
  if (threshold === Number.POSITIVE_INFINITY)
    return { rule, parameters, threshold: null, validation, note: 'only "nothing positive" meets the rule (threshold +Infinity)' };
  return { rule, parameters, threshold, validation };
}

/** Column k of a prediction set, keeping only entries whose label is 0 or 1. */
function labelColumn(set: PredictionSet, k: number): { yTrue: number[]; yScore: number[] } {
  const yTrue: number[] = [];
  const yScore: number[] = [];
  for (let r = 0; r < set.rows; r++) {
    const y = set.labels[r * set.cols + k]!;
    if (y !== 0 && y !== 1) continue;
    yTrue.push(y);
    yScore.push(set.probabilities[r * set.cols + k]!);
  }
  return { yTrue, yScore };
}

function checkPredictionSet(fn: string, set: PredictionSet): void {
  if (!set || !Array.isArray(set.labelNames)) throw new ReportArgumentError(fn, 'val', 'a PredictionSet (store.getPredictions)', set);
  const n = set.rows * set.cols;
  if (set.cols !== set.labelNames.length)
    throw new ReportArgumentError(fn, 'val.cols', `${set.labelNames.length} (one column per label name)`, set.cols);
  if (set.probabilities?.length !== n)
    throw new ReportArgumentError(fn, 'val.probabilities', `${n} values (rows * cols)`, set.probabilities);
  if (set.labels?.length !== n) throw new ReportArgumentError(fn, 'val.labels', `${n} values (rows * cols)`, set.labels);
}

function unitOption(fn: string, key: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new ReportArgumentError(fn, `options.${key}`, 'a number in [0, 1]', value);
  return value;
}
