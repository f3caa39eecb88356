/** The argument checks of buildReportModel: a ReportExperiment a model can be built from. */
import { ReportArgumentError } from '../errors.ts';
import type { ReportExperiment } from '../report-types.ts';

const FN = 'buildReportModel';

/**
 * Checks what the types cannot: non-empty metrics, level labels used once, comparisons
 * naming known levels, alpha in (0, 1), a known correction, integer seeds.
 *
 * @throws ReportArgumentError naming the key, e.g. `buildReportModel(experiment.comparisons[0].b): expected one of the levels [0 %, 90 %], received "95 %"`.
 */
export function checkExperiment(experiment: ReportExperiment, labelsInStore: readonly string[]): void {
  // The name was checked against the store before (knownExperiment), which also refuses a non-object.
  if (!Array.isArray(experiment.metrics) || experiment.metrics.length === 0) {
    throw new ReportArgumentError(
      FN,
      'experiment.metrics',
      'at least one test metric name (the first decides the best row)',
      experiment.metrics,
    );
  }
  experiment.metrics.forEach((m, i) => {
    if (typeof m !== 'string' || m === '') throw new ReportArgumentError(FN, `experiment.metrics[${i}]`, 'a metric name', m);
    if (experiment.metrics.indexOf(m) !== i) throw new ReportArgumentError(FN, `experiment.metrics[${i}]`, 'each metric once', m);
  });
  if (!Array.isArray(experiment.levels)) throw new ReportArgumentError(FN, 'experiment.levels', 'an array of levels', experiment.levels);
  const seen = new Set<string>();
  experiment.levels.forEach((level, i) => {
    if (typeof level?.label !== 'string' || level.label === '') {
      throw new ReportArgumentError(FN, `experiment.levels[${i}].label`, 'a non-empty label', level?.label);
    }
    if (seen.has(level.label)) throw new ReportArgumentError(FN, `experiment.levels[${i}].label`, 'a label used once', level.label);
    seen.add(level.label);
    if (level.configHashes !== undefined && (!Array.isArray(level.configHashes) || level.configHashes.length === 0)) {
      throw new ReportArgumentError(
        FN,
        `experiment.levels[${i}].configHashes`,
        'a non-empty array of config hashes, or no key',
        level.configHashes,
      );
    }
    if (
      level.seeds !== undefined &&
      (!Array.isArray(level.seeds) || level.seeds.length === 0 || !level.seeds.every((s) => Number.isSafeInteger(s) && s >= 0))
    )
      throw new ReportArgumentError(FN, `experiment.levels[${i}].seeds`, 'a non-empty array of integer seeds >= 0, or no key', level.seeds);
  });
  const known = [...new Set([...experiment.levels.map((l) => l.label), ...labelsInStore])];
  const level = (arg: string, label: unknown) => {
    if (typeof label !== 'string' || !known.includes(label))
      throw new ReportArgumentError(FN, arg, `one of the levels [${known.join(', ')}]`, label);
  };
  if (!Array.isArray(experiment.comparisons)) {
    throw new ReportArgumentError(FN, 'experiment.comparisons', 'an array of comparisons', experiment.comparisons);
  }
  experiment.comparisons.forEach((c, i) => {
    const at = `experiment.comparisons[${i}]`;
    if (c?.kind === 'pair') {
      level(`${at}.a`, c.a);
      level(`${at}.b`, c.b);
      if (c.a === c.b) throw new ReportArgumentError(FN, `${at}.b`, `a level other than a (${c.a})`, c.b);
    } else if (c?.kind === 'vs-reference') level(`${at}.reference`, c.reference);
    else if (c?.kind !== 'best-vs-next') {
      const kind = (c as { kind?: unknown } | null)?.kind;
      throw new ReportArgumentError(FN, `${at}.kind`, "one of 'pair', 'best-vs-next', 'vs-reference'", kind);
    }
  });
  const alpha = experiment.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1))
    throw new ReportArgumentError(FN, 'experiment.alpha', 'a number in (0, 1)', alpha);
  const correction = experiment.correction ?? 'holm';
  if (correction !== 'holm' && correction !== 'bh')
    throw new ReportArgumentError(FN, 'experiment.correction', "'holm' or 'bh'", correction);
  if (experiment.seeds !== undefined) {
    if (!Array.isArray(experiment.seeds)) throw new ReportArgumentError(FN, 'experiment.seeds', 'an array of seeds', experiment.seeds);
    experiment.seeds.forEach((s, i) => {
      if (!Number.isSafeInteger(s) || s < 0) throw new ReportArgumentError(FN, `experiment.seeds[${i}]`, 'an integer seed >= 0', s);
    });
  }
  if (experiment.paramsColumn !== null && experiment.paramsColumn !== 'total' && experiment.paramsColumn !== 'trainable') {
    throw new ReportArgumentError(FN, 'experiment.paramsColumn', "'total', 'trainable' or null", experiment.paramsColumn);
  }
}
