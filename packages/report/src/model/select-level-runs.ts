/**
 * Which stored runs count for which level: the first step of buildReportModel. Everything after it
 * reads only what this returns, so the rules live in one place.
 */
import type { ResultsStore, RunRow } from '@cxr/results';
import type { ReportExperiment, ReportLevel } from '../report-types.ts';

/** One level of the table with the runs that count for it (every status), in seed order. */
export interface LevelRuns {
  label: string;
  regime: string;
  /** The caller's description of the level; null for a label found only in the database. */
  spec: ReportLevel | null;
  runs: RunRow[];
  /** The config whose stored JSON describes the level (the latest registered among its runs); null without runs. */
  configId: number | null;
}

/** Runs of the experiment left out of the table, and why. */
export interface ExcludedRuns {
  /** Earlier configs registered under a level's label (the level uses its latest one). */
  otherConfigs: { label: string; configHash: string; runs: number }[];
  /** Runs on another dataset than the one the table uses. */
  otherFingerprints: { fingerprint: string; runs: number }[];
}

export interface SelectedRuns {
  levels: LevelRuns[];
  /** The dataset fingerprint the table is computed on; null when the experiment has no runs. */
  fingerprint: string | null;
  excluded: ExcludedRuns;
}

/**
 * Assigns the experiment's runs to its levels: a level with `configHashes` takes the runs of those
 * configs (whatever label they are stored under); any other level takes the runs of the latest
 * config registered under its label (earlier configs under that label are reported in
 * `excluded.otherConfigs`); a level with `seeds` keeps only runs of those seeds; labels found in the database but not described are appended as levels
 * with regime ''. When the runs span several dataset fingerprints, the table uses the one with the
 * most done runs (ties: the first seen) and the rest go to `excluded.otherFingerprints`, since
 * numbers from two datasets are not one comparison.
 *
 * @throws ResultsNotFoundError for an experiment the store does not hold.
 * @example selectLevelRuns(store, experiment).levels.map((l) => l.label) // ['0 %', '50 %', '90 %', '100 %']
 */
export function selectLevelRuns(store: ResultsStore, experiment: ReportExperiment): SelectedRuns {
  const all = store.listRuns({ experiment: experiment.name });
  const byHash = new Set(experiment.levels.flatMap((l) => l.configHashes ?? []));
  const byLabel = new Map<string, RunRow[]>();
  for (const run of all) if (!byHash.has(run.configHash)) byLabel.set(run.label, [...(byLabel.get(run.label) ?? []), run]);
  const otherConfigs: ExcludedRuns['otherConfigs'] = [];
  const latestOf = (label: string): RunRow[] => {
    const runs = byLabel.get(label) ?? [];
    const latest = runs.at(-1)?.configId;
    const others = [...new Set(runs.filter((r) => r.configId !== latest).map((r) => r.configHash))];
    for (const hash of others) otherConfigs.push({ label, configHash: hash, runs: runs.filter((r) => r.configHash === hash).length });
    return runs.filter((r) => r.configId === latest);
  };
  const described = experiment.levels.map((spec) => ({
    label: spec.label,
    regime: spec.regime,
    spec,
    runs: (spec.configHashes ? all.filter((r) => spec.configHashes!.includes(r.configHash)) : latestOf(spec.label)).filter(
      (r) => !spec.seeds || spec.seeds.includes(r.seed),
    ),
  }));
  const listed = new Set(experiment.levels.map((l) => l.label));
  const appended = [...byLabel.keys()]
    .filter((label) => !listed.has(label))
    .map((label) => ({ label, regime: '', spec: null, runs: latestOf(label) }));
  const levels = [...described, ...appended];

  const fingerprint = dominantFingerprint(levels.flatMap((l) => l.runs));
  const otherFingerprints = new Map<string, number>();
  for (const level of levels) {
    for (const run of level.runs) {
      if (run.datasetFingerprint !== fingerprint)
        otherFingerprints.set(run.datasetFingerprint, (otherFingerprints.get(run.datasetFingerprint) ?? 0) + 1);
    }
  }
  return {
    levels: levels.map((l) => {
      // listRuns orders by config registration, so the last run's config is the latest registered.
      const kept = l.runs.filter((r) => r.datasetFingerprint === fingerprint);
      const configId = kept.at(-1)?.configId ?? null;
      return { ...l, runs: kept.sort((x, y) => x.seed - y.seed || x.id - y.id), configId };
    }),
    fingerprint,
    excluded: {
      otherConfigs,
      otherFingerprints: [...otherFingerprints].sort(([a], [b]) => (a < b ? -1 : 1)).map(([fp, runs]) => ({ fingerprint: fp, runs })),
    },
  };
}

/** The fingerprint with the most done runs (ties: the first seen); null for no runs. */
function dominantFingerprint(runs: readonly RunRow[]): string | null {
  const done = new Map<string, number>();
  for (const run of runs) done.set(run.datasetFingerprint, (done.get(run.datasetFingerprint) ?? 0) + (run.status === 'done' ? 1 : 0));
  let best: string | null = null;
  for (const [fp, n] of done) if (best === null || n > done.get(best)!) best = fp;
  return best;
}
