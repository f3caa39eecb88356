/**
 * A ClinicalModel for tests, built the way buildClinicalModel builds one but from synthetic,
 * seeded predictions instead of a results store: curves, histograms, reliability bins and
 * operating points all come from @cxr/stats, so the figures have a real model's shape and size.
 */
import { rngSeedState, xoshiro128ss } from '@cxr/core';
import {
  brierScore,
  confusionAt,
  expectedCalibrationError,
  precisionRecallCurve,
  probabilityHistogram,
  rocCurve,
  thinCurve,
  thresholdForSensitivity,
  thresholdForSpecificity,
} from '@cxr/stats';
import { summarizeMetric } from '../../model/summarize-metric.ts';
import type { ClinicalModel, LabelFigures, Table10Row } from '../clinical-types.ts';

/** Options of clinicalFixtureModel. */
export interface ClinicalFixtureOptions {
  /** Levels, in page order (default ['90 %', 'MobileNetV2 / CutMix']). */
  levels?: string[];
  /** Labels per level (default 10). */
  labels?: number;
  /** Seeds per level (default 3: seeds 1, 2, 3). */
  seeds?: number;
  /** Test images (default 3000; validation has half as many). */
  images?: number;
  /** Most points per ROC/PR curve (default 100). */
  maxCurvePoints?: number;
}

const LABEL_NAMES = [
  'atelectasis',
  'cardiomegaly',
  'consolidation',
  'edema',
  'effusion',
  'emphysema',
  'fibrosis',
  'hernia',
  'infiltration',
  'mass',
];
const TARGETS = { sensitivity: 0.95, specificity: 0.95 };
const ECE_BINS = 15;
const HISTOGRAM_BINS = 20;

/**
 * A deterministic ClinicalModel: per level and label, synthetic test and validation labels
 * (prevalence 3-30 %) scored by each seed with a logistic score of its own noise; thresholds fixed
 * on validation and applied to test. Table 9 is empty (no reference); Table 10 holds per-label
 * means over seeds with NaN per-seed intervals (the fixture draws no bootstrap).
 *
 * @example clinicalFixtureModel().figures.length // 2 levels x 10 labels x 3 seeds = 60
 */
export function clinicalFixtureModel(options: ClinicalFixtureOptions = {}): ClinicalModel {
  const { levels = ['90 %', 'MobileNetV2 / CutMix'], labels = 10, seeds = 3, images = 3000, maxCurvePoints = 100 } = options;
  const labelNames = Array.from({ length: labels }, (_, k) => LABEL_NAMES[k] ?? `label-${k + 1}`);
  const seedList = Array.from({ length: seeds }, (_, s) => s + 1);
  const figures: LabelFigures[] = [];
  const table10 = levels.map((level, li) => {
    const rows: Table10Row[] = labelNames.map((label, k) => {
      const prevalence = 0.03 + (0.27 * ((k * 7) % labels)) / Math.max(1, labels - 1);
      const separation = 1 + 0.25 * (k % 5) + 0.2 * li;
      const test = truth(`${level}/${label}/test`, images, prevalence);
      const val = truth(`${level}/${label}/val`, Math.ceil(images / 2), prevalence);
      const perSeed = seedList.map((seed, si) => {
        const p = scores(`${level}/${label}/${seed}/test`, test, separation);
        const pv = scores(`${level}/${label}/${seed}/val`, val, separation);
        const calibration = expectedCalibrationError(test, p, { bins: ECE_BINS });
        const tSens = thresholdForSensitivity(val, pv, TARGETS.sensitivity);
        const tSpec = thresholdForSpecificity(val, pv, TARGETS.specificity);
        const atSens = rates(test, p, tSens);
        const atSpec = rates(test, p, tSpec);
        const runId = 1000 * li + 10 * k + si + 1;
        figures.push({
          level,
          label,
          seed,
          runId,
          roc: thinCurve(rocCurve(test, p), maxCurvePoints),
          operatingPoints: [
            { kind: 'sens', x: atSens.fpr, y: atSens.tpr, threshold: tSens },
            { kind: 'spec', x: atSpec.fpr, y: atSpec.tpr, threshold: tSpec },
          ],
          pr: thinCurve(precisionRecallCurve(test, p), maxCurvePoints),
          prevalence: test.reduce((a, b) => a + b, 0) / test.length,
          histogram: probabilityHistogram(test, p, HISTOGRAM_BINS),
          reliability: calibration.bins.filter((b) => b.count > 0),
          ece: calibration.ece,
        });
        return { seed, runId, brier: brierScore(test, p), ece: calibration.ece, specAtSens: 1 - atSens.fpr, sensAtSpec: atSpec.tpr };
      });
      const summary = (key: 'brier' | 'ece' | 'specAtSens' | 'sensAtSpec') =>
        summarizeMetric(
          perSeed.map((r) => r[key]),
          seedList,
        )!;
      const none: [number, number] = [Number.NaN, Number.NaN];
      return {
        label,
        brier: summary('brier'),
        specAtSens: summary('specAtSens'),
        sensAtSpec: summary('sensAtSpec'),
        ece: summary('ece'),
        perSeed: perSeed.map((r) => ({ seed: r.seed, runId: r.runId, brier: none, specAtSens: none, sensAtSpec: none })),
      };
    });
    return { level, rows };
  });
  return {
    reference: null,
    targets: TARGETS,
    eceBins: ECE_BINS,
    bootstrap: { b: 1000, seed: 0 },
    maxCurvePoints,
    levels: [...levels],
    table9: [],
    table10,
    figures,
    notes: ['fixture: synthetic predictions (clinicalFixtureModel), not a trained model'],
  };
}

/** A uniform stream in [0, 1) for one purpose. */
function uniform(purpose: string): () => number {
  const state = Uint32Array.from(rngSeedState(20261201, purpose));
  return () => xoshiro128ss(state) / 4294967296;
}

function truth(purpose: string, n: number, prevalence: number): number[] {
  const u = uniform(purpose);
  const y = Array.from({ length: n }, () => (u() < prevalence ? 1 : 0));
  y[0] = 1; // both classes, whatever the draw
  y[1] = 0;
  return y;
}

/** Sigmoid of a logit that separates the classes by `separation` standard normal units. */
function scores(purpose: string, y: readonly number[], separation: number): number[] {
  const u = uniform(purpose);
  return y.map((t) => {
    const normal = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    return 1 / (1 + Math.exp(-(normal + separation * t - 2)));
  });
}

function rates(y: readonly number[], p: readonly number[], threshold: number): { fpr: number; tpr: number } {
  const c = confusionAt(y, p, threshold);
  return { fpr: c.fp / (c.fp + c.tn), tpr: c.tp / (c.tp + c.fn) };
}
