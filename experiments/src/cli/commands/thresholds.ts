/**
 * `cxr thresholds --run RUN [--rule R] [--json] [--db PATH]`: a done run's deployable thresholds
 * per label, fixed on its stored validation predictions (@cxr/report deployableThresholds), with
 * what each reached there. Read-only. `--json` prints the cxr-thresholds/1 file that `cxr predict
 * --thresholds` reads.
 */
import { THRESHOLD_RULES, thresholdFileForRun, type ThresholdFile, type ThresholdRule } from '@cxr/report';
import type { CliCommand } from '../command-types.ts';
import { dbOption, dbPath, formatTable, jsonOption, noDatabase, requireRunIn, withStore, type DbArgs } from './db.ts';

interface ThresholdsArgs extends DbArgs {
  run: number;
  rule?: ThresholdRule;
}

const cell = (v: number | null) => (v === null ? '-' : v.toFixed(4));

/**
 * The human form: per rule, one row per label with its threshold and validation sensitivity,
 * specificity, precision and F1; '-' where a rule has no answer (the reason follows the table).
 *
 * @example renderThresholds(file, ['youden']) // 'run 3 (exp / 90 %, seed 1), validation\n\nyouden\nlabel  threshold ...'
 */
export function renderThresholds(file: ThresholdFile, rules: readonly ThresholdRule[]): string {
  const out = [`run ${file.runId} (${file.experiment} / ${file.level}, seed ${file.seed}): thresholds fixed on validation`];
  for (const rule of rules) {
    const rows = [['label', 'threshold', 'sensitivity', 'specificity', 'precision', 'f1']];
    const notes: string[] = [];
    for (const [label, entries] of Object.entries(file.labels)) {
      const e = entries[rule];
      const v = e.validation;
      rows.push([label, cell(e.threshold), cell(v.sensitivity), cell(v.specificity), cell(v.precision), cell(v.f1)]);
      if (e.note) notes.push(`  ${label}: ${e.note}`);
    }
    const params = Object.entries(file.labels[Object.keys(file.labels)[0]!]?.[rule].parameters ?? {})
      .map(([k, value]) => `${k} ${Array.isArray(value) ? `${value[0]}-${value.at(-1)} (${value.length} values)` : value}`)
      .join(', ');
    out.push(`${rule}${params ? ` (${params})` : ''}\n${formatTable(rows)}${notes.length ? `\n${notes.join('\n')}` : ''}`);
  }
  return out.join('\n\n');
}

const command: CliCommand = {
  module: {
    command: 'thresholds',
    describe: "Print a done run's deployable thresholds per label (fixed on validation) with their validation figures",
    builder: (y) =>
      y
        .option('run', { type: 'number', demandOption: true, describe: 'Run id (see cxr db runs)' })
        .option('rule', { type: 'string', choices: THRESHOLD_RULES, describe: 'One rule (default: all five)' })
        .option('db', dbOption)
        .option('json', jsonOption),
    handler: (argv) => {
      const a = argv as unknown as ThresholdsArgs;
      if (!Number.isSafeInteger(a.run) || a.run < 1)
        throw new Error(`cxr thresholds: --run must be a run id (an integer >= 1), received ${JSON.stringify(a.run)}`);
      const path = dbPath(a);
      const file = withStore(path, (store) => {
        requireRunIn(store, a.run);
        const status = store.getRun(a.run).status;
        if (status !== 'done')
          throw new Error(
            `cxr thresholds: run ${a.run} is ${status}, not done; thresholds come from a finished run's validation predictions`,
          );
        return thresholdFileForRun(store, a.run);
      });
      if (file === undefined) throw noDatabase(path);
      const rules = a.rule ? [a.rule] : THRESHOLD_RULES;
      if (a.json) {
        const labels = Object.fromEntries(
          Object.entries(file.labels).map(([l, e]) => [l, Object.fromEntries(rules.map((r) => [r, e[r]]))]),
        );
        console.log(JSON.stringify({ ...file, labels }, null, 2));
      } else console.log(renderThresholds(file, rules));
    },
  },
};

export default command;
