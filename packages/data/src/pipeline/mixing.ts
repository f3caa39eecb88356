import { z } from 'zod';
import { DataArgumentError } from '../errors.ts';
import type { Rng } from '../random/index.ts';

/** MixUp (Zhang et al. 2018): with probability p, an image is blended with a partner, lambda ~ Beta(alpha, alpha). */
export const MIXUP_CONFIG_SCHEMA = z.strictObject({ alpha: z.number().gt(0), p: z.number().min(0).max(1) });
export type MixupConfig = z.infer<typeof MIXUP_CONFIG_SCHEMA>;

/** CutMix (Yun et al. 2019): with probability p, a box of a partner is pasted in, lambda ~ Beta(1, 1). */
export const CUTMIX_CONFIG_SCHEMA = z.strictObject({ p: z.number().min(0).max(1) });
export type CutmixConfig = z.infer<typeof CUTMIX_CONFIG_SCHEMA>;

/** What happens to one sample of a batch. `lambda` is the weight of the sample's own labels. */
export type MixPlan =
  | { kind: 'none' }
  | { kind: 'mixup'; partner: number; lambda: number }
  | { kind: 'cutmix'; partner: number; lambda: number; box: { x0: number; y0: number; x1: number; y1: number } };

/**
 * Validates the mixing options; throws DataArgumentError naming `fn` and the field.
 * @example checkMixConfig('trainBatches', { alpha: 0.4, p: 0.5 }, { p: 0.5 }) // passes (p sum to 1)
 */
export function checkMixConfig(fn: string, mixup: MixupConfig | null, cutmix: CutmixConfig | null): void {
  if (mixup) {
    if (typeof mixup.alpha !== 'number' || !(mixup.alpha > 0 && Number.isFinite(mixup.alpha)))
      throw new DataArgumentError(fn, 'mixup.alpha', 'a finite number > 0', mixup.alpha);
    if (typeof mixup.p !== 'number' || !(mixup.p >= 0 && mixup.p <= 1))
      throw new DataArgumentError(fn, 'mixup.p', 'a probability in [0, 1]', mixup.p);
  }
  if (cutmix && (typeof cutmix.p !== 'number' || !(cutmix.p >= 0 && cutmix.p <= 1)))
    throw new DataArgumentError(fn, 'cutmix.p', 'a probability in [0, 1]', cutmix.p);
  const total = (mixup?.p ?? 0) + (cutmix?.p ?? 0);
  if (total > 1 + 1e-12) throw new DataArgumentError(fn, 'mixup.p + cutmix.p', 'at most 1 (one mix per sample)', total);
}

/**
 * Decides, for each sample of a batch, whether it is left alone, MixUp-ed or CutMix-ed, and with
 * whom: the partners are a shuffle of the batch (a sample drawn as its own partner takes the next
 * one), so every sample is mixed with another image of the same batch, as both papers do. Per
 * sample one uniform u picks CutMix when u < cutmix.p, else MixUp when u < cutmix.p + mixup.p.
 * CutMix follows Yun et al.: lambda ~ Beta(1, 1), a box of side floor(size * sqrt(1 - lambda))
 * centred at a uniform pixel, clipped to the image; lambda is then recomputed from the area that
 * was actually pasted: lambda = 1 - box area / size^2. A batch of one is never mixed.
 *
 * Draw order (fixed, so batches are reproducible): the partner shuffle, then per sample u, then
 * lambda, then (CutMix) the box centre x and y.
 * @example planMixing(createRng(1, 'mix/0'), 4, 64, null, { p: 1 })[0].kind // 'cutmix'
 */
export function planMixing(rng: Rng, batch: number, size: number, mixup: MixupConfig | null, cutmix: CutmixConfig | null): MixPlan[] {
  if (batch < 2 || (!mixup && !cutmix)) return Array.from({ length: batch }, () => ({ kind: 'none' as const }));
  const partners = rng.shuffle(Array.from({ length: batch }, (_, i) => i)).map((j, i) => (j === i ? (i + 1) % batch : j));
  const pCut = cutmix?.p ?? 0;
  const pMix = mixup?.p ?? 0;
  return partners.map((partner): MixPlan => {
    const u = rng.next();
    if (u < pCut) {
      const lam = rng.beta(1, 1);
      const cut = Math.floor(size * Math.sqrt(1 - lam));
      const cx = rng.int(size);
      const cy = rng.int(size);
      const half = Math.floor(cut / 2);
      const box = { x0: clamp(cx - half, size), y0: clamp(cy - half, size), x1: clamp(cx + half, size), y1: clamp(cy + half, size) };
      const lambda = 1 - ((box.x1 - box.x0) * (box.y1 - box.y0)) / (size * size);
      return { kind: 'cutmix', partner, lambda, box };
    }
    if (u < pCut + pMix) return { kind: 'mixup', partner, lambda: rng.beta(mixup!.alpha, mixup!.alpha) };
    return { kind: 'none' };
  });
}

function clamp(v: number, size: number): number {
  return v < 0 ? 0 : v > size ? size : v;
}
