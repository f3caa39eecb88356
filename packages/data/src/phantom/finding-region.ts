/**
 * Where a phantom finding's signature is drawn: the pixels whose attenuation changes when the
 * finding is removed from the same parameters. Taken from the renderer itself rather than from a
 * second geometric description, so the region cannot drift from what is drawn (an effusion's
 * meniscus, a blunted angle, an atelectatic plate, a wider heart, hyperinflated lungs).
 */
import { DataArgumentError } from '../errors.ts';
import { presentList, withoutFinding } from './moved-finding.ts';
import type { PhantomParams } from './params.ts';
import { renderAttenuation } from './render.ts';
import type { PhantomLabel } from './spec.ts';

export interface FindingRegionOptions {
  /**
   * Smallest attenuation change counted as drawn (default 0.005: about 0.005-0.008 of image
   * intensity at the phantom's detector gains, under a third of its quantum noise).
   */
  threshold?: number;
}

/**
 * A size x size mask (row-major, 1 inside) of where finding `label` changes the image rendered from
 * `params`. All zeros for 'unchanged' (no signature) and for lateral views (findings not drawn).
 * Cost: two attenuation renders.
 *
 * Throws DataArgumentError when `label` is absent from params.findings, size is not an integer in
 * [16, 2048], or threshold is not a positive number.
 * @example massInRegion(gradCam(model, x, c).map, findingRegion(row.params, 'pleural effusion', 32))
 */
export function findingRegion(params: PhantomParams, label: PhantomLabel, size: number, options: FindingRegionOptions = {}): Uint8Array {
  const threshold = options.threshold ?? 0.005;
  if (!(threshold > 0) || !Number.isFinite(threshold))
    throw new DataArgumentError('findingRegion', 'options.threshold', 'a positive number', threshold);
  if (!params.findings[label])
    throw new DataArgumentError('findingRegion', 'label', `a finding present in params.findings (${presentList(params)})`, label);
  const withIt = renderAttenuation(params, size, 'findingRegion');
  const without = renderAttenuation(withoutFinding(params, label), size, 'findingRegion');
  const mask = new Uint8Array(size * size);
  for (let i = 0; i < mask.length; i++) if (Math.abs(withIt[i]! - without[i]!) > threshold) mask[i] = 1;
  return mask;
}
