/**
 * Which ReportExperiment describes each experiment `cxr report` is asked for: a registered
 * definition resolved under the profile whose level configs the database holds runs of (or the
 * given --profile), else a generic description from the database alone.
 */
import { describeExperimentFromStore, type ReportExperiment } from '@cxr/report';
import type { ResultsStore } from '@cxr/results';
import { ExperimentArgumentError } from './errors.ts';
import { PROFILES, findProfile } from './profiles/index.ts';
import { EXPERIMENT_NAMES, findExperiment } from './registry.ts';
import { withStoredReplication } from '../search/replication-cells.ts';
import type { Profile } from './definition.ts';
import { resolveExperiment } from './resolve-experiment.ts';

/**
 * The report descriptions of `names` (every experiment in the store when empty, in its order).
 * A definition's profile is `profile` when given, else the one whose level config hashes match the
 * most stored runs of the experiment; when none matches (e.g. a sweep on another dataset), the
 * definition is used without config hashes, so each level's latest registered config counts.
 *
 * @throws ExperimentArgumentError for a name that is neither in the store nor a definition.
 * @example reportExperimentsFor(store, ['table2-unfreeze'])[0].profile // 'default'
 */
export function reportExperimentsFor(store: ResultsStore, names: readonly string[], profile?: string): ReportExperiment[] {
  const stored = store.listExperiments().map((e) => e.name);
  const wanted = names.length ? names : stored;
  return wanted.map((name) => {
    const known = EXPERIMENT_NAMES.includes(name);
    if (!known && !stored.includes(name))
      throw new ExperimentArgumentError(
        'cxr report',
        'experiment',
        `${JSON.stringify(name)} is neither in the database (${stored.join(', ') || 'none'}) nor a defined experiment (${EXPERIMENT_NAMES.join(', ')})`,
      );
    if (!known) return describeExperimentFromStore(store, name);
    const definition = findExperiment(name);
    // a search's best level gets its config once the store holds the finished trials
    const reportOf = (p?: Profile) => withStoredReplication(resolveExperiment(definition, p ? { profile: p } : {}), store).report;
    if (profile) return reportOf(findProfile(profile));
    const hashes = new Set(stored.includes(name) ? store.listRuns({ experiment: name }).map((r) => r.configHash) : []);
    let best: { report: ReportExperiment; matches: number } | null = null;
    for (const p of PROFILES) {
      const report = reportOf(p);
      const matches = report.levels.filter((l) => (l.configHashes ?? []).some((h) => hashes.has(h))).length;
      if (matches > 0 && (!best || matches > best.matches)) best = { report, matches };
    }
    if (best) return best.report;
    const fallback = reportOf();
    return { ...fallback, profile: null, baseConfig: undefined, levels: fallback.levels.map(({ configHashes: _, ...level }) => level) };
  });
}
