/** Table 9: per label, the reference AUC-ROC, ours over seeds, and Delta = ours - reference per level. */
import { bootstrapPooledDelta, rocAuc } from '@cxr/stats';
import { summarizeMetric } from '../model/summarize-metric.ts';
import type { ReferenceColumn, Table9Row } from './clinical-types.ts';
import { labelKey } from './label-key.ts';
import type { RunLabel } from './level-label-data.ts';

/** What Table 9 needs of one level. */
export interface Table9Level {
  level: string;
  byLabel: ReadonlyMap<string, readonly RunLabel[]>;
}

/** Whether every run scored the same test images with the same truth (so one image resample fits every seed). */
function sameTestImages(runs: readonly RunLabel[]): boolean {
  const first = runs[0]!.test.truth;
  return runs.every((r) => r.test.truth.length === first.length && r.test.truth.every((y, i) => y === first[i]));
}

function levelCell(
  runs: readonly RunLabel[] | undefined,
  reference: number | null,
  bootstrap: { b: number; seed: number },
  level: string,
  label: string,
  notes: string[],
) {
  const defined = (runs ?? []).map((r) => ({ r, auc: rocAuc(r.test.truth, r.test.prob) })).filter((x) => Number.isFinite(x.auc));
  const seeds = defined.map((x) => x.r.run.seed);
  const auc = summarizeMetric(
    defined.map((x) => x.auc),
    seeds,
  );
  if (!auc) return null;
  if (reference === null) return { auc, delta: null, deltaCi: null };
  const delta = summarizeMetric(
    defined.map((x) => x.auc - reference),
    seeds,
  );
  const pooled = defined.map((x) => x.r);
  if (!sameTestImages(pooled)) {
    notes.push(`Table 9, ${level}, ${label}: the seeds' test images differ, so no pooled bootstrap CI of Delta is given.`);
    return { auc, delta, deltaCi: null };
  }
  const ci = bootstrapPooledDelta(
    pooled[0]!.test.truth,
    pooled.map((r) => r.test.prob),
    reference,
    (t, s) => rocAuc(t, s),
    { seed: bootstrap.seed, b: bootstrap.b },
  );
  return { auc, delta, deltaCi: [ci.lo, ci.hi] as [number, number] };
}

/**
 * The rows of Table 9: the reference's labels in its order (matched to the dataset's
 * case-insensitively after trimming; a reference label the dataset lacks gets inDataset false and
 * no numbers, and is named in `notes`), then the dataset's labels the reference does not name
 * (reference null). Delta's CI is the percentile bootstrap over test images pooled over seeds
 * (bootstrapPooledDelta; the seeds share one test split), null when their test images differ.
 *
 * @example table9Rows(reference, ['cardiomegaly'], levels, { b: 1000, seed: 0 }, notes)[0].perLevel['final']!.delta!.mean // -0.012
 */
export function table9Rows(
  reference: ReferenceColumn,
  datasetLabels: readonly string[],
  levels: readonly Table9Level[],
  bootstrap: { b: number; seed: number },
  notes: string[],
): Table9Row[] {
  const dataset = new Map(datasetLabels.map((l) => [labelKey(l), l]));
  const referenced = new Map(Object.entries(reference.auc).map(([l, auc]) => [labelKey(l), { name: l, auc }]));
  const missing: string[] = [];
  const rows: Table9Row[] = [];
  for (const [key, ref] of referenced) {
    const label = dataset.get(key);
    if (label === undefined) {
      missing.push(ref.name);
      rows.push({
        label: ref.name,
        reference: ref.auc,
        inDataset: false,
        perLevel: Object.fromEntries(levels.map((l) => [l.level, null])),
      });
      continue;
    }
    rows.push({
      label,
      reference: ref.auc,
      inDataset: true,
      perLevel: Object.fromEntries(
        levels.map((l) => [l.level, levelCell(l.byLabel.get(label), ref.auc, bootstrap, l.level, label, notes)]),
      ),
    });
  }
  const unreferenced = datasetLabels.filter((l) => !referenced.has(labelKey(l)));
  for (const label of unreferenced) {
    rows.push({
      label,
      reference: null,
      inDataset: true,
      perLevel: Object.fromEntries(levels.map((l) => [l.level, levelCell(l.byLabel.get(label), null, bootstrap, l.level, label, notes)])),
    });
  }
  if (missing.length) notes.push(`Reference labels the dataset does not have (listed without numbers): ${missing.join(', ')}.`);
  if (unreferenced.length)
    notes.push(`Dataset labels the reference "${reference.name}" does not name (no Delta): ${unreferenced.join(', ')}.`);
  return rows;
}
