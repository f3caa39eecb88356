/**
 * The source set for offline pretraining: the same generator with other patients (its own seed
 * stream), one frontal PA image per patient, every visible finding at a higher prevalence and only
 * at clear severities, no label noise, and an auxiliary target vector (finding presence, finding
 * severity, anatomical and pose parameters). A backbone pretrained on it has seen the anatomy and
 * the obvious form of the findings but not the subtle ones, much as ImageNet features are generic
 * and still need fine-tuning on radiographs.
 */
import { DataArgumentError } from '../errors.ts';
import { cardiothoracicRatio, type PhantomParams } from './params.ts';
import { planPhantomDataset } from './plan.ts';
import { renderPhantom } from './render.ts';
import { DEFAULT_PHANTOM_SPEC, PHANTOM_LABELS, type PhantomLabel, type PhantomSpec } from './spec.ts';

/** The nine labels with a visual signature (all but 'unchanged'), in PHANTOM_LABELS order. */
export const PHANTOM_VISIBLE_LABELS = PHANTOM_LABELS.filter((l) => l !== 'unchanged') as Exclude<PhantomLabel, 'unchanged'>[];

/** Regression targets: name, value from the image's parameters, and the range mapped to [0, 1]. */
const REGRESSION: { name: string; value: (p: PhantomParams) => number; lo: number; hi: number }[] = [
  { name: 'heart width / thorax', value: (p) => effectiveCtr(p), lo: 0.35, hi: 0.7 },
  { name: 'body half width', value: (p) => p.anatomy.bodyHalfWidth, lo: 0.7, hi: 0.95 },
  { name: 'lung half width', value: (p) => p.anatomy.lungHalfWidth, lo: 0.21, hi: 0.31 },
  { name: 'lung apex y', value: (p) => p.anatomy.lungTop, lo: -0.76, hi: -0.66 },
  { name: 'dome base y', value: (p) => p.anatomy.domeBase, lo: 0.44, hi: 0.54 },
  { name: 'dome height', value: (p) => p.anatomy.domeHeight, lo: 0.12, hi: 0.18 },
  { name: 'rotation', value: (p) => p.pose.rotation, lo: (-4 * Math.PI) / 180, hi: (4 * Math.PI) / 180 },
  { name: 'scale', value: (p) => p.pose.scale, lo: 0.9, hi: 1.0 },
  { name: 'shift x', value: (p) => p.pose.dx, lo: -0.05, hi: 0.05 },
  { name: 'shift y', value: (p) => p.pose.dy, lo: -0.05, hi: 0.05 },
];

function effectiveCtr(p: PhantomParams): number {
  return cardiothoracicRatio(p.anatomy, p.findings.cardiomegaly?.severity ?? 0);
}

/**
 * Names of the source target vector, in order (28 entries):
 * [0, 9) presence (0/1) of the nine visible findings, PHANTOM_VISIBLE_LABELS order;
 * [9, 18) their severities (0 when absent);
 * [18, 28) anatomy and pose regressed to [0, 1]: heart width / thorax, body half width, lung half
 * width, lung apex y, dome base y, dome height, rotation, scale, shift x, shift y.
 */
export const PHANTOM_SOURCE_TARGETS: string[] = [
  ...PHANTOM_VISIBLE_LABELS.map((l) => `present:${l}`),
  ...PHANTOM_VISIBLE_LABELS.map((l) => `severity:${l}`),
  ...REGRESSION.map((r) => `regress:${r.name}`),
];

/** The source-set spec: 20 % prevalence per visible finding, severities 0.35-1, one PA study per patient, clean labels. */
export const PHANTOM_SOURCE_SPEC: PhantomSpec = {
  ...DEFAULT_PHANTOM_SPEC,
  prevalence: Object.fromEntries(PHANTOM_LABELS.map((l) => [l, l === 'unchanged' ? 0 : 0.2])) as Record<PhantomLabel, number>,
  cooccurrence: [],
  severity: { min: 0.35, max: 1, alpha: 1.5, beta: 1.2 },
  severityOverrides: {},
  labelNoise: { missRate: 0, spuriousRate: 0 },
  studiesPerPatient: [1],
  lateralPerStudy: 0,
  apFraction: 0,
  otherLabelRate: 0,
};

/** The in-memory pretraining set. */
export interface PhantomSource {
  n: number;
  size: number;
  /** n images, row-major, each size*size intensities in [0, 1]. */
  images: Float32Array;
  /** n rows of PHANTOM_SOURCE_TARGETS.length values. */
  targets: Float32Array;
  targetNames: string[];
}

/**
 * Renders the pretraining set in memory. Memory: n * size^2 * 4 bytes of images.
 * Patients come from the 'phantom-source' stream, so none is a patient of the target set.
 *
 * Throws DataArgumentError when n < 1, size is outside [16, 2048], or seed is invalid.
 * @example generatePhantomSource({ n: 2, size: 32, seed: 0 }).targets.length // 56
 */
export function generatePhantomSource(options: {
  n: number;
  size: number;
  seed: number;
  onProgress?: (done: number, total: number) => void;
}): PhantomSource {
  const { n, size, seed } = options;
  if (!Number.isInteger(n) || n < 1) throw new DataArgumentError('generatePhantomSource', 'n', 'an integer >= 1', n);
  if (!Number.isInteger(size) || size < 16 || size > 2048)
    throw new DataArgumentError('generatePhantomSource', 'size', 'an integer in [16, 2048]', size);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new DataArgumentError('generatePhantomSource', 'seed', 'a non-negative safe integer', seed);
  const plan = planPhantomDataset({ images: n, seed, spec: PHANTOM_SOURCE_SPEC, stream: 'phantom-source' });
  const t = PHANTOM_SOURCE_TARGETS.length;
  const images = new Float32Array(n * size * size);
  const targets = new Float32Array(n * t);
  const nv = PHANTOM_VISIBLE_LABELS.length;
  plan.rows.forEach((row, i) => {
    images.set(renderPhantom(row.params, size), i * size * size);
    const o = i * t;
    PHANTOM_VISIBLE_LABELS.forEach((label, k) => {
      const f = row.params.findings[label];
      targets[o + k] = f ? 1 : 0;
      targets[o + nv + k] = f ? f.severity : 0;
    });
    REGRESSION.forEach((r, k) => {
      targets[o + 2 * nv + k] = Math.min(1, Math.max(0, (r.value(row.params) - r.lo) / (r.hi - r.lo)));
    });
    options.onProgress?.(i + 1, n);
  });
  return { n, size, images, targets, targetNames: PHANTOM_SOURCE_TARGETS };
}
