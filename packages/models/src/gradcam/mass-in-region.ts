/**
 * How much of a saliency map lies inside a region: the localisation figure used to check that a
 * Grad-CAM map points at the finding (in the spirit of the "energy-based pointing game" of
 * Wang et al., Score-CAM, 2020).
 */
import { ModelArgumentError } from '../errors.ts';

/**
 * sum(map[i] for mask[i] != 0) / sum(map). NaN for a map whose total is 0 (no mass to place).
 *
 * @throws ModelArgumentError when the lengths differ or the map has a negative or non-finite value.
 * @example massInRegion(new Float32Array([1, 3]), new Uint8Array([0, 1])) // 0.75
 */
export function massInRegion(map: ArrayLike<number>, mask: ArrayLike<number>): number {
  if (map.length !== mask.length) throw new ModelArgumentError('massInRegion', 'mask', `length ${map.length} (the map's)`, mask.length);
  let total = 0;
  let inside = 0;
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new ModelArgumentError('massInRegion', `map[${i}]`, 'a finite value >= 0', v);
    total += v;
    if (mask[i]) inside += v;
  }
  return total === 0 ? Number.NaN : inside / total;
}
