/**
 * The source set for offline pretraining: the same generator with other patients (its own seed
 * stream), one frontal PA image per patient, none of the ten target findings, but four lesions of
 * its own (lung nodules, a consolidation, a pneumothorax, a cardiac device; each in 30 % of images)
 * and the patient's anatomy, pose and breath. Targets: presence of those four, then the anatomy
 * regressed to [0, 1]. The task is related to the target task but not the same: a backbone
 * pretrained on it knows where heart, lungs, domes and spine are and has learnt to see opacities and
 * lucencies in the lungs, yet has never been asked about a target finding, as ImageNet features are
 * generic and need fine-tuning to read radiographs (002: the domain gap behind the unfreezing
 * ablation). A source task that named the target findings would make frozen features almost
 * sufficient and hide the effect the sweep measures; one with anatomy alone learnt nothing in the
 * few epochs the default profile affords (validation loss stayed at chance, 0.693).
 */
import { DataArgumentError } from '../errors.ts';
import { createRng, type Rng } from '../random/index.ts';
import type { PhantomParams, SourceLesions } from './params.ts';
import { planPhantomDataset } from './plan.ts';
import { renderPhantom } from './render.ts';
import { DEFAULT_PHANTOM_SPEC, PHANTOM_LABELS, type PhantomLabel, type PhantomSpec } from './spec.ts';

/** The nine labels with a visual signature (all but 'unchanged'), in PHANTOM_LABELS order. */
export const PHANTOM_VISIBLE_LABELS = PHANTOM_LABELS.filter((l) => l !== 'unchanged') as Exclude<PhantomLabel, 'unchanged'>[];

/** Regression targets: name, value from the image's parameters, and the sampler's range (params.ts) mapped to [0, 1]. */
const REGRESSION: { name: string; value: (p: PhantomParams) => number; lo: number; hi: number }[] = [
  { name: 'heart width / thorax', value: (p) => p.anatomy.ctr, lo: 0.39, hi: 0.49 },
  { name: 'heart centre y', value: (p) => p.anatomy.heartCenterY, lo: 0.24, hi: 0.3 },
  { name: 'heart half height', value: (p) => p.anatomy.heartHalfHeight, lo: 0.23, hi: 0.27 },
  { name: 'heart left share', value: (p) => p.anatomy.heartLeftShare, lo: 0.64, hi: 0.74 },
  { name: 'mediastinum half width', value: (p) => p.anatomy.mediastinumHalfWidth, lo: 0.07, hi: 0.095 },
  { name: 'aortic knob radius', value: (p) => p.anatomy.knobRadius, lo: 0.05, hi: 0.065 },
  { name: 'body half width', value: (p) => p.anatomy.bodyHalfWidth, lo: 0.7, hi: 0.95 },
  { name: 'lung centre x', value: (p) => p.anatomy.lungCenterX, lo: 0.29, hi: 0.4 },
  { name: 'lung half width', value: (p) => p.anatomy.lungHalfWidth, lo: 0.21, hi: 0.31 },
  { name: 'lung apex y', value: (p) => p.anatomy.lungTop, lo: -0.76, hi: -0.66 },
  { name: 'lung air', value: (p) => p.anatomy.lungAir, lo: 0.62, hi: 0.72 },
  { name: 'lung texture amplitude', value: (p) => p.anatomy.textureAmplitude, lo: 0.8, hi: 1.2 },
  { name: 'dome base y', value: (p) => p.anatomy.domeBase, lo: 0.44, hi: 0.54 },
  { name: 'dome height', value: (p) => p.anatomy.domeHeight, lo: 0.12, hi: 0.18 },
  { name: 'right dome lift', value: (p) => p.anatomy.rightDomeLift, lo: 0.02, hi: 0.06 },
  { name: 'spine half width', value: (p) => p.anatomy.spineHalfWidth, lo: 0.055, hi: 0.07 },
  { name: 'vertebra period', value: (p) => p.anatomy.vertebraPeriod, lo: 0.09, hi: 0.105 },
  { name: 'rib spacing', value: (p) => p.anatomy.ribSpacing, lo: 0.12, hi: 0.14 },
  { name: 'rib slope', value: (p) => p.anatomy.ribSlope, lo: 0.05, hi: 0.15 },
  { name: 'rotation', value: (p) => p.pose.rotation, lo: (-4 * Math.PI) / 180, hi: (4 * Math.PI) / 180 },
  { name: 'scale', value: (p) => p.pose.scale, lo: 0.9, hi: 1.0 },
  { name: 'shift x', value: (p) => p.pose.dx, lo: -0.05, hi: 0.05 },
  { name: 'shift y', value: (p) => p.pose.dy, lo: -0.05, hi: 0.05 },
  { name: 'inspiration', value: (p) => p.pose.inspiration, lo: -1, hi: 1 },
];

/** The source-only lesions, in target order. */
export const PHANTOM_SOURCE_LESIONS = ['nodule', 'consolidation', 'pneumothorax', 'cardiac device'] as const;

/** Fraction of source images with each lesion. */
const LESION_RATE = 0.3;

/**
 * Names of the source target vector, in order (28 entries): [0, 4) presence (0/1) of the source
 * lesions (PHANTOM_SOURCE_LESIONS order), [4, 28) anatomy, pose and breath regressed to [0, 1].
 */
export const PHANTOM_SOURCE_TARGETS: string[] = [
  ...PHANTOM_SOURCE_LESIONS.map((l) => `present:${l}`),
  ...REGRESSION.map((r) => `regress:${r.name}`),
];

/** A random point inside one of the lung fields of `p` (patient units, params.ts); three draws of `rng`. */
export function pointInLung(rng: Rng, p: PhantomParams): { x: number; y: number } {
  const a = p.anatomy;
  const sgn = rng.next() < 0.5 ? -1 : 1;
  return { x: sgn * a.lungCenterX + rng.uniform(-0.6, 0.6) * a.lungHalfWidth, y: rng.uniform(a.lungTop + 0.25, a.domeBase - 0.2) };
}

/** Draws one image's source lesions inside its lung fields (patient units, params.ts). */
function sampleSourceLesions(rng: Rng, p: PhantomParams): SourceLesions {
  const a = p.anatomy;
  const inLung = (): { x: number; y: number } => pointInLung(rng, p);
  const nodules =
    rng.next() < LESION_RATE ? Array.from({ length: 1 + rng.int(3) }, () => ({ ...inLung(), r: rng.uniform(0.04, 0.09) })) : [];
  const consolidation =
    rng.next() < LESION_RATE
      ? { ...inLung(), rx: rng.uniform(0.1, 0.18), ry: rng.uniform(0.1, 0.2), density: rng.uniform(0.2, 0.4) }
      : null;
  const pneumothorax = rng.next() < LESION_RATE ? { side: (rng.next() < 0.5 ? -1 : 1) as -1 | 1, depth: rng.uniform(0.2, 0.45) } : null;
  const device =
    rng.next() < LESION_RATE ? { x: rng.uniform(0.25, 0.45) * (rng.next() < 0.8 ? 1 : -1), y: a.lungTop + rng.uniform(0.08, 0.16) } : null;
  return { nodules, consolidation, pneumothorax, device };
}

/** The source-set spec: none of the target findings, one PA study per patient, no other labels. */
export const PHANTOM_SOURCE_SPEC: PhantomSpec = {
  ...DEFAULT_PHANTOM_SPEC,
  prevalence: Object.fromEntries(PHANTOM_LABELS.map((l) => [l, 0])) as Record<PhantomLabel, number>,
  cooccurrence: [],
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
  const rng = createRng(seed, 'phantom-source/lesions');
  const nl = PHANTOM_SOURCE_LESIONS.length;
  plan.rows.forEach((row, i) => {
    const lesions = sampleSourceLesions(rng, row.params);
    images.set(renderPhantom({ ...row.params, sourceLesions: lesions }, size), i * size * size);
    const o = i * t;
    [lesions.nodules.length > 0, lesions.consolidation, lesions.pneumothorax, lesions.device].forEach((present, k) => {
      targets[o + k] = present ? 1 : 0;
    });
    REGRESSION.forEach((r, k) => {
      targets[o + nl + k] = Math.min(1, Math.max(0, (r.value(row.params) - r.lo) / (r.hi - r.lo)));
    });
    options.onProgress?.(i + 1, n);
  });
  return { n, size, images, targets, targetNames: PHANTOM_SOURCE_TARGETS };
}
