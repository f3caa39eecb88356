/** Table 10 of one level: per label and macro, Brier, Spec@Sens, Sens@Spec and ECE over seeds. */
import { summarizeMetric } from '../model/summarize-metric.ts';
import type { MetricSummary } from '../report-types.ts';
import type { Table10Level, Table10Row } from './clinical-types.ts';
import type { RunLabel } from './level-label-data.ts';

const EMPTY: MetricSummary = { n: 0, mean: Number.NaN, sd: Number.NaN, values: [], seeds: [] };

/** Mean +/- sd (n - 1) over the seeds where the value is defined. */
function overSeeds(pairs: readonly { seed: number; value: number }[]): MetricSummary {
  const kept = pairs.filter((p) => Number.isFinite(p.value));
  return (
    summarizeMetric(
      kept.map((p) => p.value),
      kept.map((p) => p.seed),
    ) ?? EMPTY
  );
}

type Column = 'brier' | 'specAtSens' | 'sensAtSpec' | 'ece';

function value(r: RunLabel, column: Column): number {
  if (column === 'brier') return r.metrics.brier;
  if (column === 'ece') return r.metrics.ece;
  return column === 'specAtSens' ? r.metrics.points.specificityAtSensitivity : r.metrics.points.sensitivityAtSpecificity;
}

function labelRow(label: string, runs: readonly RunLabel[]): Table10Row {
  const column = (c: Column) => overSeeds(runs.map((r) => ({ seed: r.run.seed, value: value(r, c) })));
  return {
    label,
    brier: column('brier'),
    specAtSens: column('specAtSens'),
    sensAtSpec: column('sensAtSpec'),
    ece: column('ece'),
    perSeed: runs.map((r) => ({ seed: r.run.seed, runId: r.run.runId, ...r.metrics.ci })),
  };
}

/** Each seed's mean over the labels where the value is defined, then mean +/- sd over seeds. */
function macroRow(byLabel: ReadonlyMap<string, readonly RunLabel[]>): Table10Row {
  const seeds = new Map<number, RunLabel[]>();
  for (const runs of byLabel.values()) for (const r of runs) seeds.set(r.run.seed, [...(seeds.get(r.run.seed) ?? []), r]);
  const ordered = [...seeds].sort(([a], [b]) => a - b);
  const column = (c: Column) =>
    overSeeds(
      ordered.map(([seed, runs]) => {
        const defined = runs.map((r) => value(r, c)).filter(Number.isFinite);
        return { seed, value: defined.length ? defined.reduce((s, v) => s + v, 0) / defined.length : Number.NaN };
      }),
    );
  return {
    label: 'macro',
    brier: column('brier'),
    specAtSens: column('specAtSens'),
    sensAtSpec: column('sensAtSpec'),
    ece: column('ece'),
    perSeed: [],
  };
}

/**
 * The level's Table 10: one row per label (in `byLabel`'s order) then 'macro' (per seed the mean
 * over labels where each value is defined, as @cxr/stats' macroOf does; no per-seed CI, since a
 * macro resample would redraw every label at once).
 *
 * @example table10Level('90 %', byLabel).rows.at(-1)!.label // 'macro'
 */
export function table10Level(level: string, byLabel: ReadonlyMap<string, readonly RunLabel[]>): Table10Level {
  const rows = [...byLabel].filter(([, runs]) => runs.length > 0).map(([label, runs]) => labelRow(label, runs));
  return { level, rows: rows.length ? [...rows, macroRow(byLabel)] : [] };
}
