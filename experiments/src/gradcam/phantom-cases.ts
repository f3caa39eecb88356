/**
 * Small in-memory phantom sets for Grad-CAM checks: frontal images rendered straight from the
 * generator's parameters, so each image keeps the parameters that say where its findings are.
 */
import { createRng, DEFAULT_PHANTOM_SPEC, planPhantomDataset, renderPhantom, type PhantomLabel, type PhantomParams } from '@cxr/data';

export interface PhantomCase {
  params: PhantomParams;
  /** size x size intensities in [0, 1]. */
  image: Float32Array;
  /** 1 where the finding is truly present (before the CSV's label noise), per label in order. */
  truth: number[];
}

export interface PhantomCaseOptions {
  images: number;
  size: number;
  seed: number;
  labels: readonly PhantomLabel[];
}

/**
 * The frontal (PA/AP) rows of a planned phantom set (default spec), rendered at `size`, with their
 * true labels for `labels`. Fewer than `images` come back, as lateral rows are skipped.
 *
 * @example phantomCases({ images: 100, size: 32, seed: 1, labels: ['pleural effusion'] }).length // about 83
 */
export function phantomCases(options: PhantomCaseOptions): PhantomCase[] {
  const plan = planPhantomDataset({ images: options.images, seed: options.seed, spec: DEFAULT_PHANTOM_SPEC });
  return plan.rows
    .filter((r) => r.projection !== 'L')
    .map((r) => ({
      params: r.params,
      image: renderPhantom(r.params, options.size),
      truth: options.labels.map((l) => (r.truth.includes(l) ? 1 : 0)),
    }));
}

export interface SingleFindingOptions {
  images: number;
  size: number;
  seed: number;
  label: PhantomLabel;
  /** Severity of the positives is drawn uniformly from [minSeverity, 1] (default 0.5). */
  minSeverity?: number;
}

/**
 * Frontal phantom patients with every finding removed, then `label` added to every other image
 * (random side, severity in [minSeverity, 1]): a set where only one finding tells positives apart,
 * so a small model learns it within seconds.
 *
 * @example singleFindingCases({ images: 300, size: 32, seed: 1, label: 'pleural effusion' })[1].truth // [1]
 */
export function singleFindingCases(options: SingleFindingOptions): PhantomCase[] {
  const rng = createRng(options.seed, 'gradcam/single-finding');
  const lo = options.minSeverity ?? 0.5;
  const plan = planPhantomDataset({ images: options.images, seed: options.seed, spec: DEFAULT_PHANTOM_SPEC });
  return plan.rows
    .filter((r) => r.projection === 'PA')
    .map((r, i) => {
      const positive = i % 2 === 1;
      const side = rng.next() < 0.5 ? -1 : 1;
      const findings = positive ? { [options.label]: { severity: rng.uniform(lo, 1), side, u: rng.next(), v: rng.next() } } : {};
      const params: PhantomParams = { ...r.params, findings };
      return { params, image: renderPhantom(params, options.size), truth: [positive ? 1 : 0] };
    });
}
