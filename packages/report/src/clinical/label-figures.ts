/** The figure data of one label and one run (thesis Figures 4 and 5, the reliability diagram). */
import { expectedCalibrationError, precisionRecallCurve, probabilityHistogram, rocCurve, thinCurve } from '@cxr/stats';
import type { LabelFigures } from './clinical-types.ts';
import type { KnownColumn } from './known-column.ts';
import type { RunLabelMetrics } from './run-label-metrics.ts';

/**
 * ROC and PR curves of the test column thinned to `maxCurvePoints` (thinCurve keeps the first and
 * last point and the shape), the two validation operating points where they land on test, the
 * test prevalence, the per-class probability histogram and the non-empty reliability bins.
 *
 * @returns null when test lacks a class (no curve is defined).
 * @example labelFigures('90 %', 'cardiomegaly', run, test, metrics, { maxCurvePoints: 100, histogramBins: 20, eceBins: 15 })!.roc.length // <= 100
 */
export function labelFigures(
  level: string,
  label: string,
  run: { seed: number; runId: number },
  test: KnownColumn,
  metrics: RunLabelMetrics,
  settings: { maxCurvePoints: number; histogramBins: number; eceBins: number },
): LabelFigures | null {
  const n = test.truth.length;
  if (test.positives === 0 || test.positives === n) return null;
  const p = metrics.points;
  const operating: LabelFigures['operatingPoints'] =
    p.reason === ''
      ? [
          { kind: 'sens', x: 1 - p.specificityAtSensitivity, y: p.testSensitivity, threshold: p.sensitivityThreshold },
          { kind: 'spec', x: 1 - p.testSpecificity, y: p.sensitivityAtSpecificity, threshold: p.specificityThreshold },
        ]
      : [];
  const calibration = expectedCalibrationError(test.truth, test.prob, { bins: settings.eceBins });
  return {
    level,
    label,
    seed: run.seed,
    runId: run.runId,
    roc: thinCurve(rocCurve(test.truth, test.prob), settings.maxCurvePoints),
    operatingPoints: operating,
    pr: thinCurve(precisionRecallCurve(test.truth, test.prob), settings.maxCurvePoints),
    prevalence: test.positives / n,
    histogram: probabilityHistogram(test.truth, test.prob, settings.histogramBins),
    reliability: calibration.bins
      .filter((b) => b.count > 0)
      .map((b) => ({ lo: b.lo, hi: b.hi, meanPredicted: b.meanPredicted, observed: b.observed, count: b.count })),
    ece: calibration.ece,
  };
}
