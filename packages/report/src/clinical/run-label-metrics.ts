/**
 * One run's Table 10 numbers for one label: Brier, ECE and the two operating points whose
 * thresholds are fixed on validation and applied unchanged to test (thesis Table 10's rule), with
 * the seeded bootstrap CIs over test images that keep those thresholds fixed.
 */
import { bootstrapCi, brierScore, confusionAt, expectedCalibrationError, operatingPoints, type LabelOperatingPoints } from '@cxr/stats';
import type { Interval } from './clinical-types.ts';
import type { KnownColumn } from './known-column.ts';

/** Settings shared by every run of the section. */
export interface MetricSettings {
  targets: { sensitivity: number; specificity: number };
  eceBins: number;
  bootstrap: { b: number; seed: number };
}

/** A run's numbers for one label; NaN where validation or test lacks a class. */
export interface RunLabelMetrics {
  brier: number;
  ece: number;
  points: LabelOperatingPoints;
  ci: { brier: Interval; specAtSens: Interval; sensAtSpec: Interval };
}

const NO_CI: Interval = [Number.NaN, Number.NaN];

function undefinedPoints(reason: string): LabelOperatingPoints {
  const nan = Number.NaN;
  return {
    label: 0,
    sensitivityThreshold: nan,
    specificityAtSensitivity: nan,
    testSensitivity: nan,
    specificityThreshold: nan,
    sensitivityAtSpecificity: nan,
    testSpecificity: nan,
    reason,
  };
}

/** Test specificity at a fixed threshold (NaN without negatives): the metric a Spec@Sens resample is scored with. */
function specificityAt(threshold: number) {
  return (t: Float64Array, s: Float64Array): number => {
    const c = confusionAt(t, s, threshold);
    return c.tn + c.fp === 0 ? Number.NaN : c.tn / (c.tn + c.fp);
  };
}

/** Test sensitivity at a fixed threshold (NaN without positives). */
function sensitivityAt(threshold: number) {
  return (t: Float64Array, s: Float64Array): number => {
    const c = confusionAt(t, s, threshold);
    return c.tp + c.fn === 0 ? Number.NaN : c.tp / (c.tp + c.fn);
  };
}

function interval(t: KnownColumn, metric: (t: Float64Array, s: Float64Array) => number, settings: MetricSettings): Interval {
  const ci = bootstrapCi(t.truth, t.prob, metric, { seed: settings.bootstrap.seed, b: settings.bootstrap.b });
  return [ci.lo, ci.hi];
}

/**
 * The label's numbers for one run from its validation (`val`) and test (`test`) columns.
 *
 * @example runLabelMetrics(val, test, { targets: { sensitivity: 0.95, specificity: 0.95 }, eceBins: 15, bootstrap: { b: 1000, seed: 0 } }).brier // 0.081
 */
export function runLabelMetrics(val: KnownColumn, test: KnownColumn, settings: MetricSettings): RunLabelMetrics {
  const matrix = (c: KnownColumn, data: Float64Array) => ({ rows: c.truth.length, cols: 1, data });
  const points =
    val.truth.length && test.truth.length
      ? operatingPoints(matrix(val, val.truth), matrix(val, val.prob), matrix(test, test.truth), matrix(test, test.prob), settings.targets)
          .perLabel[0]!
      : undefinedPoints(val.truth.length ? 'test: no image with a known truth' : 'validation: no image with a known truth');
  const brier = test.truth.length ? brierScore(test.truth, test.prob) : Number.NaN;
  const ece = test.truth.length ? expectedCalibrationError(test.truth, test.prob, { bins: settings.eceBins }).ece : Number.NaN;
  const defined = points.reason === '';
  return {
    brier,
    ece,
    points,
    ci: {
      brier: test.truth.length ? interval(test, (t, s) => brierScore(t, s), settings) : NO_CI,
      specAtSens: defined ? interval(test, specificityAt(points.sensitivityThreshold), settings) : NO_CI,
      sensAtSpec: defined ? interval(test, sensitivityAt(points.specificityThreshold), settings) : NO_CI,
    },
  };
}
