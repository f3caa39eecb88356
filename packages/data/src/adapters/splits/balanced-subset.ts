import { z } from 'zod';
import { DataArgumentError } from '../../errors.ts';
import { createRng } from '../../random/index.ts';

/**
 * A balanced subset of a dataset, drawn before the patient-level split (seed 003 keeps 300 images
 * per finding, 15 classes with No Finding as its own label). This schema is the optional
 * `dataset.subset` section of a run config; absent or null = the whole dataset.
 */
export const SUBSET_CONFIG_SCHEMA = z.strictObject({
  /** Images wanted per label (positives of that label in the subset; fewer where the data has fewer). */
  perClass: z.int().min(1),
});
export type SubsetConfig = z.output<typeof SUBSET_CONFIG_SCHEMA>;

/**
 * Record indices (ascending) of a balanced subset: labels are visited from the rarest to the most
 * common, and for each, records positive for it that are not yet chosen are taken in a seeded
 * random order until the subset holds `perClass` positives of that label (images already chosen
 * for a rarer label count). A label with fewer positives keeps all of them. Multi-label images
 * make common labels exceed `perClass` (they come along with rarer ones); no label falls short
 * while the data has more. Targets >= 0.5 count as positive (an uncertain -1 does not).
 * The same (targets, perClass, seed) give the same subset; the stream is `subset`.
 * Cost O(n * labels).
 * @throws DataArgumentError for a perClass below 1, an empty or ragged target list.
 * @example balancedSubset(targets, { perClass: 300 }, 7).length // <= 300 x labels
 */
export function balancedSubset(targets: readonly Float32Array[], config: SubsetConfig, seed: number): number[] {
  const fn = 'balancedSubset';
  if (!Number.isInteger(config?.perClass) || config.perClass < 1)
    throw new DataArgumentError(fn, 'config.perClass', 'an integer >= 1', config?.perClass);
  if (targets.length === 0) throw new DataArgumentError(fn, 'targets', 'at least one record', targets.length);
  const k = targets[0]!.length;
  targets.forEach((t, i) => {
    if (!(t instanceof Float32Array) || t.length !== k)
      throw new DataArgumentError(fn, `targets[${i}]`, `a Float32Array of length ${k}`, t);
  });
  const positives = Array.from({ length: k }, (_, j) => targets.flatMap((t, i) => (t[j]! >= 0.5 ? [i] : [])));
  const order = positives.map((p, j) => [p.length, j] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rng = createRng(seed, 'subset');
  const chosen = new Set<number>();
  for (const [, j] of order) {
    let have = positives[j]!.filter((i) => chosen.has(i)).length;
    // every label's candidates are shuffled, so the draw of one does not depend on how far another got
    for (const i of rng.shuffle(positives[j]!.filter((i) => !chosen.has(i)))) {
      if (have >= config.perClass) break;
      chosen.add(i);
      have++;
    }
  }
  return [...chosen].sort((a, b) => a - b);
}
