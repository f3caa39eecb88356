/**
 * TEMPORARY: minimal stand-ins for the @cxr/stats functions issue 16's helper "stats" adds
 * (expectedCalibrationError, rocCurve, precisionRecallCurve, thinCurve, probabilityHistogram,
 * bootstrapPooledDelta), with the agreed signatures. Everything in src/clinical imports them from
 * here only, so at merge this file becomes `export { ... } from '@cxr/stats'` and nothing else moves.
 * No input checks beyond what the callers here need; the real ones validate and are tested in stats.
 */
import type { BootstrapCi, LabelMetric } from '@cxr/stats';

export type { BootstrapCi, LabelMetric } from '@cxr/stats';

/** A curve point: x = FPR or recall, y = TPR or precision, with the score threshold it is reached at. */
export interface CurvePointLike {
  x: number;
  y: number;
  threshold: number;
}

/** One equal-width calibration bin. */
export interface CalibrationBin {
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observed: number;
}

/** TEMPORARY (@cxr/stats): ECE over `bins` equal-width bins [i/B, (i+1)/B), the last closed. */
export function expectedCalibrationError(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  { bins = 15 }: { bins?: number } = {},
): { ece: number; bins: CalibrationBin[] } {
  const count = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  for (let i = 0; i < yTrue.length; i++) {
    const p = yProb[i]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]!++;
    sumP[b]! += p;
    sumY[b]! += yTrue[i]!;
  }
  let ece = 0;
  const out = count.map((c, b) => {
    const meanPredicted = c ? sumP[b]! / c : Number.NaN;
    const observed = c ? sumY[b]! / c : Number.NaN;
    if (c) ece += (c / yTrue.length) * Math.abs(observed - meanPredicted);
    return { lo: b / bins, hi: (b + 1) / bins, count: c, meanPredicted, observed };
  });
  return { ece, bins: out };
}

/** Cumulative (tp, fp) at each distinct score, descending. */
function sweep(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): { tp: number; fp: number; threshold: number }[] {
  const order = Array.from({ length: yTrue.length }, (_, i) => i).sort((a, b) => yScore[b]! - yScore[a]!);
  const out: { tp: number; fp: number; threshold: number }[] = [];
  let tp = 0;
  let fp = 0;
  order.forEach((i, k) => {
    if (yTrue[i] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || yScore[next] !== yScore[i]) out.push({ tp, fp, threshold: yScore[i]! });
  });
  return out;
}

/** TEMPORARY (@cxr/stats): scikit-learn's roc_curve(drop_intermediate=False) as points from (0, 0). */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): CurvePointLike[] {
  const steps = sweep(yTrue, yScore);
  const last = steps.at(-1) ?? { tp: 0, fp: 0 };
  return [
    { x: 0, y: 0, threshold: Number.POSITIVE_INFINITY },
    ...steps.map((s) => ({ x: s.fp / last.fp, y: s.tp / last.tp, threshold: s.threshold })),
  ];
}

/** TEMPORARY (@cxr/stats): precision-recall points by descending threshold from (recall 0, precision 1). */
export function precisionRecallCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): CurvePointLike[] {
  const steps = sweep(yTrue, yScore);
  const positives = steps.at(-1)?.tp ?? 0;
  return [
    { x: 0, y: 1, threshold: Number.POSITIVE_INFINITY },
    ...steps.map((s) => ({ x: s.tp / positives, y: s.tp / (s.tp + s.fp), threshold: s.threshold })),
  ];
}

/** TEMPORARY (@cxr/stats): at most maxPoints, first and last kept (here: evenly spaced, not Ramer-Douglas-Peucker). */
export function thinCurve(points: readonly CurvePointLike[], maxPoints: number): CurvePointLike[] {
  if (points.length <= maxPoints) return [...points];
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, i) => points[Math.round(i * step)]!);
}

/** TEMPORARY (@cxr/stats): relative frequency of each class's probabilities in `bins` equal-width bins. */
export function probabilityHistogram(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  bins = 20,
): { lo: number; hi: number; positives: number; negatives: number }[] {
  const pos = new Array<number>(bins).fill(0);
  const neg = new Array<number>(bins).fill(0);
  let p = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const b = Math.min(bins - 1, Math.floor(yProb[i]! * bins));
    if (yTrue[i] === 1) {
      pos[b]!++;
      p++;
    } else neg[b]!++;
  }
  const n = yTrue.length - p;
  return pos.map((c, b) => ({ lo: b / bins, hi: (b + 1) / bins, positives: p ? c / p : 0, negatives: n ? neg[b]! / n : 0 }));
}

/** A small seeded integer stream (mulberry32); the real function uses @cxr/stats' own sampler. */
function sampler(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** TEMPORARY (@cxr/stats): mean over seeds of metric - reference, percentile bootstrap over shared test images. */
export function bootstrapPooledDelta(
  yTrue: ArrayLike<number>,
  scoresPerSeed: ArrayLike<number>[],
  reference: number,
  metric: LabelMetric,
  { seed, b = 1000, level = 0.95 }: { seed: number; b?: number; level?: number },
): BootstrapCi {
  const t = Float64Array.from(yTrue);
  const scores = scoresPerSeed.map((s) => Float64Array.from(s));
  const delta = (tt: Float64Array, ss: Float64Array[]) => ss.reduce((sum, s) => sum + metric(tt, s), 0) / ss.length - reference;
  const estimate = delta(t, scores);
  const draw = sampler(seed);
  const n = t.length;
  const values: number[] = [];
  let skipped = 0;
  for (let r = 0; r < b; r++) {
    const idx = Array.from({ length: n }, () => draw(n));
    const v = delta(
      Float64Array.from(idx, (j) => t[j]!),
      scores.map((s) => Float64Array.from(idx, (j) => s[j]!)),
    );
    if (Number.isNaN(v)) skipped++;
    else values.push(v);
  }
  values.sort((x, y) => x - y);
  const q = (p: number) => {
    if (values.length === 0) return Number.NaN;
    const h = (values.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, values.length - 1);
    return values[lo]! + (h - lo) * (values[hi]! - values[lo]!);
  };
  return { estimate, lo: q((1 - level) / 2), hi: q((1 + level) / 2), level, b, skipped };
}
