/**
 * The same phantom patient with one finding moved or removed, for localisation checks (does a
 * saliency map follow the finding to the other lung?). Everything else in the parameters (anatomy,
 * pose, exposure, noise seed) is kept, so the two renders differ only where the finding is drawn.
 */
import { DataArgumentError } from '../errors.ts';
import type { PhantomParams } from './params.ts';
import type { PhantomLabel } from './spec.ts';

/**
 * The findings the renderer draws in one lung or both, following FindingInstance.side (-1 image
 * left = patient right, 1 image right = patient left, 0 both). Scoliosis also reads `side`, but as
 * the direction of its curve, not where it lies, so it is not listed.
 */
export const LATERALIZED_PHANTOM_LABELS = [
  'pleural effusion',
  'costophrenic angle blunting',
  'laminar atelectasis',
] as const satisfies readonly PhantomLabel[];

/** One of LATERALIZED_PHANTOM_LABELS. */
export type LateralizedPhantomLabel = (typeof LATERALIZED_PHANTOM_LABELS)[number];

/**
 * `params` with finding `label` drawn on `side` instead (-1 image left, 1 image right, 0 both).
 *
 * Throws DataArgumentError when `label` is not lateralised, is absent from params.findings, or
 * `side` is not -1, 0 or 1.
 * @example renderPhantom(withFindingSide(params, 'pleural effusion', 1), 64)
 */
export function withFindingSide(params: PhantomParams, label: PhantomLabel, side: -1 | 0 | 1): PhantomParams {
  if (!(LATERALIZED_PHANTOM_LABELS as readonly string[]).includes(label)) {
    throw new DataArgumentError('withFindingSide', 'label', `one of ${LATERALIZED_PHANTOM_LABELS.join(', ')}`, label);
  }
  if (side !== -1 && side !== 0 && side !== 1) throw new DataArgumentError('withFindingSide', 'side', '-1, 0 or 1', side);
  const finding = params.findings[label];
  if (!finding)
    throw new DataArgumentError('withFindingSide', 'label', `a finding present in params.findings (${presentList(params)})`, label);
  return { ...params, findings: { ...params.findings, [label]: { ...finding, side } } };
}

/**
 * `params` without finding `label` (a no-op copy when it is absent).
 *
 * @example renderPhantom(withoutFinding(params, 'cardiomegaly'), 64)
 */
export function withoutFinding(params: PhantomParams, label: PhantomLabel): PhantomParams {
  const findings = { ...params.findings };
  delete findings[label];
  return { ...params, findings };
}

/** The present findings' names for error messages (not re-exported from the package). */
export function presentList(params: PhantomParams): string {
  const present = Object.keys(params.findings);
  return present.length ? present.join(', ') : 'none present';
}
