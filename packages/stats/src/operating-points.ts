import { detail } from '@cxr/core';
import { StatsArgumentError } from './errors.ts';
import { checkUnitInterval } from './internal/check-target.ts';
import { checkMatrixPair } from './internal/check-matrix.ts';
import { columnUnchecked } from './internal/column-unchecked.ts';
import { countAtLeast } from './internal/count-at-least.ts';
import { macroOf } from './internal/macro-of.ts';
import { scoresByClass } from './internal/scores-by-class.ts';
import { undefinedReason } from './internal/undefined-reason.ts';
import { largestThresholdForSensitivity } from './internal/largest-threshold-for-sensitivity.ts';
import { smallestThresholdForSpecificity } from './internal/smallest-threshold-for-specificity.ts';
import type { LabelMatrix, MacroAverage, StatsProblem } from './types.ts';

/** Targets of the two operating points (thesis Table 10: 0.95 each). */
export interface OperatingPointTargets {
  sensitivity: number;
  specificity: number;
}

/** One label's operating points: thresholds fixed on validation, rates measured on test. */
export interface LabelOperatingPoints {
  label: number;
  /** Largest validation threshold with sensitivity >= target (thresholdForSensitivity). */
  sensitivityThreshold: number;
  /** Test specificity at sensitivityThreshold: the "Spec@Sens=95%" column. */
  specificityAtSensitivity: number;
  /** Test sensitivity actually reached at sensitivityThreshold (may fall short of the target). */
  testSensitivity: number;
  /** Smallest validation threshold with specificity >= target (thresholdForSpecificity). */
  specificityThreshold: number;
  /** Test sensitivity at specificityThreshold: the "Sens@Spec=95%" column. */
  sensitivityAtSpecificity: number;
  /** Test specificity actually reached at specificityThreshold. */
  testSpecificity: number;
  /** Why the values are NaN (validation or test lacks a class); '' when defined. */
  reason: string;
}

/** Result of operatingPoints. */
export interface OperatingPoints {
  targets: OperatingPointTargets;
  perLabel: LabelOperatingPoints[];
  macro: { specificityAtSensitivity: MacroAverage; sensitivityAtSpecificity: MacroAverage };
}

/**
 * The operating-point protocol of thesis Table 10: per label, the threshold reaching
 * Sens >= 95 % and the one reaching Spec >= 95 % are fixed on the validation split
 * (thresholdForSensitivity / thresholdForSpecificity), then applied unchanged to the test split,
 * which yields Spec@Sens=95% and Sens@Spec=95% per label and their macro means (skipping labels
 * where validation or test lacks a class; counted, reasons in `problems`).
 *
 * Cost: O(K (Nv log Nv + Nt log Nt)).
 * @throws StatsArgumentError for malformed or mismatched matrices (validation and test must have
 *   the same number of labels), yTrue not 0/1, non-finite scores, or targets outside [0, 1].
 * @example operatingPoints(vt, vs, tt, ts, { sensitivity: 0.95, specificity: 0.95 }).macro.specificityAtSensitivity.macro
 *   // e.g. 0.27 for the thesis' final model
 */
export function operatingPoints(
  validTrue: LabelMatrix,
  validScore: LabelMatrix,
  testTrue: LabelMatrix,
  testScore: LabelMatrix,
  targets: OperatingPointTargets = { sensitivity: 0.95, specificity: 0.95 },
  problems?: StatsProblem[],
): OperatingPoints {
  const fn = 'operatingPoints';
  if (typeof targets !== 'object' || targets === null) {
    throw new StatsArgumentError(fn, 'targets', 'an object { sensitivity, specificity }', targets);
  }
  checkUnitInterval(fn, 'targets.sensitivity', targets.sensitivity);
  checkUnitInterval(fn, 'targets.specificity', targets.specificity);
  const v = checkMatrixPair(fn, validTrue, validScore, 'validScore');
  const t = checkMatrixPair(fn, testTrue, testScore, 'testScore');
  if (t.yTrue.cols !== v.yTrue.cols) {
    throw new StatsArgumentError(fn, 'testTrue', `${v.yTrue.cols} labels (as validTrue)`, detail(`${t.yTrue.cols} labels`));
  }
  const perLabel: LabelOperatingPoints[] = [];
  for (let k = 0; k < v.yTrue.cols; k++) {
    const vClasses = classesOf(v.yTrue, v.other, k);
    const tClasses = classesOf(t.yTrue, t.other, k);
    const reason = vClasses.reason ? `validation: ${vClasses.reason}` : tClasses.reason ? `test: ${tClasses.reason}` : '';
    if (reason) {
      problems?.push({ fn, label: k, reason });
      perLabel.push({
        label: k,
        sensitivityThreshold: Number.NaN,
        specificityAtSensitivity: Number.NaN,
        testSensitivity: Number.NaN,
        specificityThreshold: Number.NaN,
        sensitivityAtSpecificity: Number.NaN,
        testSpecificity: Number.NaN,
        reason,
      });
      continue;
    }
    const { pos: vPos, neg: vNeg } = vClasses;
    const sensT = largestThresholdForSensitivity(vPos, vNeg, targets.sensitivity);
    const specT = smallestThresholdForSpecificity(vPos, vNeg, targets.specificity);
    const { pos, neg } = tClasses;
    perLabel.push({
      label: k,
      sensitivityThreshold: sensT,
      specificityAtSensitivity: (neg.length - countAtLeast(neg, sensT)) / neg.length,
      testSensitivity: countAtLeast(pos, sensT) / pos.length,
      specificityThreshold: specT,
      sensitivityAtSpecificity: countAtLeast(pos, specT) / pos.length,
      testSpecificity: (neg.length - countAtLeast(neg, specT)) / neg.length,
      reason: '',
    });
  }
  const reasons = perLabel.map((p) => p.reason);
  return {
    targets: { sensitivity: targets.sensitivity, specificity: targets.specificity },
    perLabel,
    macro: {
      specificityAtSensitivity: macroOf(
        perLabel.map((p) => p.specificityAtSensitivity),
        reasons,
      ),
      sensitivityAtSpecificity: macroOf(
        perLabel.map((p) => p.sensitivityAtSpecificity),
        reasons,
      ),
    },
  };
}

function classesOf(yTrue: LabelMatrix, yScore: LabelMatrix, k: number): { pos: Float64Array; neg: Float64Array; reason: string } {
  const truth = columnUnchecked(yTrue, k);
  let p = 0;
  for (let n = 0; n < truth.length; n++) p += truth[n]!;
  const reason = undefinedReason(p, truth.length - p);
  if (reason) return { pos: new Float64Array(0), neg: new Float64Array(0), reason };
  return { ...scoresByClass(truth, columnUnchecked(yScore, k), p), reason };
}
