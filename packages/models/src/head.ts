/**
 * Classification heads written as in the thesis (002, Table 4): `u1/d1->u2/d2->...`, each pair a
 * dense ReLU layer of u units followed by dropout d, after global average pooling and before a
 * K-logit dense layer. `none` means no head (the bare backbone); `logits` the pooling and the
 * K-logit layer alone (a linear classifier on the pooled features: "only the final layer").
 */
import { ModelArgumentError } from './errors.ts';
import type { LayerKit, Sym } from './backbones/layer-kit.ts';

export interface HeadLayerSpec {
  units: number;
  dropout: number;
}

/** Every head layer's name starts with this, so trainers can tell head from backbone. */
export const HEAD_PREFIX = 'head_';

/** The two head words: 'none' (the bare backbone) and 'logits' (pooling + logits alone). */
export type HeadWord = 'none' | 'logits';

/**
 * Which head word `spec` is (case and surrounding whitespace ignored), or null for a layer spec.
 *
 * @example headWord(' Logits ') // 'logits'; headWord('256/0.2') // null
 */
export function headWord(spec: string): HeadWord | null {
  const s = spec.trim().toLowerCase();
  return s === 'none' || s === 'logits' ? s : null;
}

/**
 * Parses a head spec. Whitespace is ignored and `→` is accepted for `->`; `none`, `logits` and
 * the empty string give an empty list of dense layers (buildModel tells `none` from `logits`).
 *
 * @throws ModelArgumentError naming the bad part when units are not a positive integer or the
 *   dropout is not in [0, 1).
 * @example parseHeadSpec('256/0.30->128/0.30') // [{ units: 256, dropout: 0.3 }, { units: 128, dropout: 0.3 }]
 */
export function parseHeadSpec(spec: string): HeadLayerSpec[] {
  const s = spec.replace(/\s+/g, '').replace(/→/g, '->').toLowerCase();
  if (s === '' || s === 'none' || s === 'logits') return [];
  return s.split('->').map((part) => {
    const m = /^(\d+)\/(\d*\.?\d+)$/.exec(part);
    const units = m ? Number(m[1]) : NaN;
    const dropout = m ? Number(m[2]) : NaN;
    if (!m || !(units >= 1) || !(dropout >= 0 && dropout < 1)) {
      throw new ModelArgumentError(
        'parseHeadSpec',
        'spec',
        "'none', 'logits' or 'units/dropout' pairs joined by '->' (units >= 1, 0 <= dropout < 1), e.g. '256/0.30->128/0.30'",
        spec,
      );
    }
    return { units, dropout };
  });
}

/**
 * Global average pooling, the dense ReLU + dropout stack, then `numClasses` logits (no sigmoid:
 * losses work on logits). Layer names: head_pool, head_dense_{i}, head_dropout_{i}, head_logits.
 */
export function buildHead(kit: LayerKit, features: Sym, layers: HeadLayerSpec[], numClasses: number): Sym {
  return buildHeadOn(kit, kit.gap(features, `${HEAD_PREFIX}pool`), layers, numClasses);
}

/** The dense ReLU + dropout stack and the logits on an already pooled [b, n] vector. */
export function buildHeadOn(kit: LayerKit, pooled: Sym, layers: HeadLayerSpec[], numClasses: number): Sym {
  let x = pooled;
  layers.forEach((l, i) => {
    x = kit.dense(x, `${HEAD_PREFIX}dense_${i + 1}`, l.units, 'relu');
    if (l.dropout > 0) x = kit.dropout(x, `${HEAD_PREFIX}dropout_${i + 1}`, l.dropout);
  });
  return kit.dense(x, `${HEAD_PREFIX}logits`, numClasses);
}
