/**
 * Lesions drawn into the NIH and CheXpert layouts' images, for the labels those datasets have and
 * the ten PadChest signatures do not: lung nodules, a mass, a dense consolidation or a faint
 * infiltrate, a pneumothorax and a cardiac device. They reuse the source set's lesion primitives
 * (render.ts draws `sourceLesions`), drawn per study from their own seed stream, so frontal and
 * lateral images of a study agree and the plan (and the PadChest layout) is untouched.
 */
import { createRng } from '../random/index.ts';
import type { PhantomParams, SourceLesions } from './params.ts';
import type { PhantomRow } from './plan.ts';
import { pointInLung } from './source.ts';

/** The lesion kinds of the target layouts. */
export const TARGET_LESIONS = ['nodule', 'mass', 'consolidation', 'infiltrate', 'pneumothorax', 'device'] as const;

/** One of TARGET_LESIONS. */
export type TargetLesion = (typeof TARGET_LESIONS)[number];

/**
 * Per-study probability of each lesion, near ChestX-ray14's prevalences (Nodule 5.6 %, Mass 5.2 %,
 * Consolidation 4.2 %, Pneumothorax 4.7 % of images; Wang et al. 2017). Consolidation and
 * infiltrate share the one patch the renderer draws, so they never occur together.
 */
export const TARGET_LESION_RATES: Record<TargetLesion, number> = {
  nodule: 0.05,
  mass: 0.04,
  consolidation: 0.04,
  infiltrate: 0.06,
  pneumothorax: 0.04,
  device: 0.06,
};

/** The lesions of one study: what render.ts draws and which kinds are present. */
export interface StudyLesions {
  lesions: SourceLesions;
  present: Record<TargetLesion, boolean>;
}

/**
 * Draws the lesions of `row`'s study (stream `phantom-lesions/<studyId>` of `seed`): 1-3 nodules of
 * radius 0.04-0.07, a mass of radius 0.11-0.15, a consolidation of density 0.25-0.4 or else an
 * infiltrate (larger, density 0.12-0.2), a pneumothorax 20-45 % deep, a device below the clavicle.
 * @example studyLesions(plan.rows[0], 0).present.nodule // false in 95 % of studies
 */
export function studyLesions(row: PhantomRow, seed: number): StudyLesions {
  const rng = createRng(seed, `phantom-lesions/${row.studyId}`);
  const p: PhantomParams = row.params;
  const draw = (k: TargetLesion): boolean => rng.next() < TARGET_LESION_RATES[k];
  const present = Object.fromEntries(TARGET_LESIONS.map((k) => [k, draw(k)])) as Record<TargetLesion, boolean>;
  if (present.consolidation) present.infiltrate = false;
  const nodules: SourceLesions['nodules'] = [];
  if (present.nodule) for (let i = 1 + rng.int(3); i > 0; i--) nodules.push({ ...pointInLung(rng, p), r: rng.uniform(0.04, 0.07) });
  if (present.mass) nodules.push({ ...pointInLung(rng, p), r: rng.uniform(0.11, 0.15) });
  let consolidation: SourceLesions['consolidation'] = null;
  if (present.consolidation)
    consolidation = { ...pointInLung(rng, p), rx: rng.uniform(0.1, 0.18), ry: rng.uniform(0.1, 0.2), density: rng.uniform(0.25, 0.4) };
  else if (present.infiltrate)
    consolidation = { ...pointInLung(rng, p), rx: rng.uniform(0.16, 0.24), ry: rng.uniform(0.18, 0.26), density: rng.uniform(0.12, 0.2) };
  const pneumothorax = present.pneumothorax ? { side: (rng.next() < 0.5 ? -1 : 1) as -1 | 1, depth: rng.uniform(0.2, 0.45) } : null;
  const device = present.device
    ? { x: rng.uniform(0.25, 0.45) * (rng.next() < 0.8 ? 1 : -1), y: p.anatomy.lungTop + rng.uniform(0.08, 0.16) }
    : null;
  return { lesions: { nodules, consolidation, pneumothorax, device }, present };
}
