/**
 * The text of the clinical tables' cells (Tables 9 and 10), shared by the HTML page, Markdown and
 * LaTeX so all three print the same digits: AUCs, Deltas and Table 10's numbers with 3 decimals,
 * Deltas signed. '' marks a missing number (each renderer prints its own dash).
 */
import type { ClinicalModel, Interval, Table10Level } from '../clinical/clinical-types.ts';
import type { MetricSummary } from '../report-types.ts';
import { DIGITS, fixed } from './table-cells.ts';

/** A table as headings and rows of plain-text cells. */
export interface TextTable {
  headings: string[];
  rows: string[][];
}

function signed(x: number): string {
  const t = fixed(x, DIGITS.mean);
  return t && x >= 0 ? `+${t}` : t;
}

/** 'mean ± sd' ('mean (n = 1)' for one seed); '' without values. */
export function summaryText(s: MetricSummary | null, sign = false): string {
  if (!s || s.n === 0) return '';
  const mean = sign ? signed(s.mean) : fixed(s.mean, DIGITS.mean);
  return s.n < 2 ? `${mean} (n = 1)` : `${mean} ± ${fixed(s.sd, DIGITS.mean)}`;
}

/** '[lo, hi]'; '' when an end is not finite. */
export function intervalText(ci: Interval | null, sign = false): string {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return '';
  const f = (x: number) => (sign ? signed(x) : fixed(x, DIGITS.mean));
  return `[${f(ci[0])}, ${f(ci[1])}]`;
}

/**
 * Table 9 as text: label, the reference AUC, the extra quoted columns (if any), then per level Delta (mean ± sd over seeds), its
 * pooled bootstrap CI and our AUC; a label the dataset lacks says so in its first level cell.
 *
 * @example table9Text(model).headings // ['Label', 'Liz, EffNet', 'Δ (intermediate)', '95 % CI (intermediate)', 'AUC ours (intermediate)', ...]
 */
export function table9Text(model: ClinicalModel): TextTable {
  const headings = [
    'Label',
    model.reference?.name ?? 'Reference',
    ...(model.extraReferences ?? []).map((c) => c.name),
    ...model.levels.flatMap((l) => [`Δ (${l})`, `95 % CI (${l})`, `AUC ours (${l})`]),
  ];
  const rows = model.table9.map((r) => [
    r.label,
    r.reference === null ? '' : fixed(r.reference, DIGITS.mean),
    ...(model.extraReferences ?? []).map((_, i) => (r.extra?.[i] == null ? '' : fixed(r.extra[i]!, DIGITS.mean))),
    ...model.levels.flatMap((l, i) => {
      if (!r.inDataset) return [i === 0 ? 'not in the dataset' : '', '', ''];
      const cell = r.perLevel[l];
      return cell ? [summaryText(cell.delta, true), intervalText(cell.deltaCi, true), summaryText(cell.auc)] : ['', '', ''];
    }),
  ]);
  return { headings, rows };
}

/**
 * One level's Table 10 as text: Brier, Spec@Sens, Sens@Spec (targets as percentages) and ECE
 * (with its bin count), each mean ± sd over seeds.
 *
 * @example table10Text(model, model.table10[0]).headings // ['Label', 'Brier', 'Spec@Sens=95%', 'Sens@Spec=95%', 'ECE (15 bins)']
 */
export function table10Text(model: ClinicalModel, level: Table10Level): TextTable {
  const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;
  return {
    headings: [
      'Label',
      'Brier',
      `Spec@Sens=${pct(model.targets.sensitivity)}`,
      `Sens@Spec=${pct(model.targets.specificity)}`,
      `ECE (${model.eceBins} bins)`,
    ],
    rows: level.rows.map((r) => [
      r.label === 'macro' ? 'Macro' : r.label,
      summaryText(r.brier),
      summaryText(r.specAtSens),
      summaryText(r.sensAtSpec),
      summaryText(r.ece),
    ]),
  };
}

/**
 * One level's per-seed bootstrap CIs as text: label, seed, run, then the CI of Brier, Spec@Sens and Sens@Spec.
 *
 * @example table10SeedText(model.table10[0]).rows[0] // ['cardiomegaly', '1', '4', '[0.101, 0.160]', ...]
 */
export function table10SeedText(level: Table10Level): TextTable {
  return {
    headings: ['Label', 'Seed', 'Run', 'Brier 95 % CI', 'Spec@Sens 95 % CI', 'Sens@Spec 95 % CI'],
    rows: level.rows.flatMap((r) =>
      r.perSeed.map((s) => [
        r.label,
        String(s.seed),
        String(s.runId),
        intervalText(s.brier),
        intervalText(s.specAtSens),
        intervalText(s.sensAtSpec),
      ]),
    ),
  };
}

/**
 * The settings line every renderer prints under the tables.
 *
 * @example clinicalSettingsText(model) // 'Thresholds fixed on validation (sensitivity >= 0.95, specificity >= 0.95) ...'
 */
export function clinicalSettingsText(model: ClinicalModel): string {
  const t = model.targets;
  return (
    `Thresholds fixed on validation (sensitivity >= ${t.sensitivity}, specificity >= ${t.specificity}) and applied unchanged to test; ` +
    `ECE with ${model.eceBins} equal-width bins; percentile bootstrap over test images, B = ${model.bootstrap.b}, seed ${model.bootstrap.seed} ` +
    `(Table 9: resamples pooled over the seeds; Table 10: per seed); curves thinned to at most ${model.maxCurvePoints} points.` +
    (model.reference ? ` Reference: ${model.reference.name} (${model.reference.source}); Δ = AUC ours − reference.` : '') +
    (model.extraReferences?.length ? ` Also quoted: ${model.extraReferences.map((c) => `${c.name} (${c.source})`).join('; ')}.` : '')
  );
}
