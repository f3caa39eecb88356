/**
 * `cxr report [EXPERIMENT...] [--db PATH] [--out reports/] [--format html,md,tex,csv,json] [--profile P]
 * [--clinical] [--reference FILE] [--open]`: the significance report of each experiment (every
 * experiment in the database when none is named), written to --out; with --clinical (or
 * --reference, which replaces the default "Liz, EffNet" column) every page gets the clinical
 * section (Tables 9 and 10, computed from the stored validation and test predictions). Reads the database read-only, so a running sweep is never locked out;
 * the pages say which cells are done, running, pending or failed and compute from done runs only.
 * Shards of Slurm tasks not merged yet (under <db>.slurm/, or --shards) are read as if merged.
 * Each level with a done run also gets its deployable thresholds, `<out>/<experiment>/<level>/thresholds.json`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readReferenceColumn, REPORT_FORMATS, writeReports, writeThresholdFiles, type ReportFormat } from '@cxr/report';
import type { CliCommand } from '../command-types.ts';
import { withClinical } from '../../experiments/clinical-for-report.ts';
import { reportExperimentsFor } from '../../experiments/report-experiments.ts';
import { shardsFor, withResultsView } from '../../sweep/slurm/shard-view.ts';
import { dbOption, dbPath, noDatabase, type DbArgs } from './db.ts';

interface ReportArgs extends DbArgs {
  experiment?: string[];
  out: string;
  format: string;
  profile?: string;
  correction?: 'holm' | 'bh';
  clinical: boolean;
  reference?: string;
  open: boolean;
  shards?: string[];
}

/**
 * The formats of a --format value ("html,md").
 *
 * @throws Error naming the flag, the bad entry and the valid formats.
 * @example parseFormats('html,tex') // ['html', 'tex']
 */
export function parseFormats(value: string): ReportFormat[] {
  const out: ReportFormat[] = [];
  for (const raw of value.split(',')) {
    const f = raw.trim();
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw new Error(`cxr report --format: unknown format ${JSON.stringify(f)}; valid formats: ${REPORT_FORMATS.join(', ')}`);
    if (!out.includes(f as ReportFormat)) out.push(f as ReportFormat);
  }
  return out;
}

const command: CliCommand = {
  module: {
    command: 'report [experiment..]',
    describe: 'Write the significance report (HTML page per experiment, index, Markdown/LaTeX/CSV/JSON tables)',
    builder: (y) =>
      y
        .positional('experiment', { type: 'string', array: true, describe: 'Experiments to report (default: every one in the database)' })
        .option('db', dbOption)
        .option('out', { type: 'string', default: 'reports', describe: 'Folder the reports are written to' })
        .option('format', { type: 'string', default: 'html', describe: `Comma-separated: ${REPORT_FORMATS.join(', ')}` })
        .option('profile', {
          type: 'string',
          describe: 'The sweep profile whose configs to report (default: the one matching the stored runs)',
        })
        .option('correction', {
          type: 'string',
          choices: ['holm', 'bh'],
          describe: "Multiple-testing correction over each experiment's comparisons (default: the experiment's, Holm)",
        })
        .option('clinical', {
          type: 'boolean',
          default: false,
          describe: 'Add the clinical section (Tables 9 and 10, ROC/PR/histogram/reliability figures) to every experiment reported',
        })
        .option('reference', {
          type: 'string',
          describe: "Table 9's reference AUC-ROC column: JSON {label: auc} or {name, source, auc}, or CSV label,auc (implies --clinical)",
        })
        .option('shards', {
          type: 'string',
          array: true,
          describe: 'Shard databases (files or folders) to read as if merged (default: every shard under <db>.slurm/)',
        })
        .option('open', { type: 'boolean', default: false, describe: 'Open the index page in a browser (xdg-open)' }),
    handler: async (argv) => {
      const a = argv as unknown as ReportArgs;
      const formats = parseFormats(a.format);
      const reference = a.reference === undefined ? null : readReferenceColumn(a.reference);
      const path = dbPath(a);
      const shards = shardsFor(path, a.shards);
      if (!existsSync(path) && shards.length === 0) throw noDatabase(path);
      await withResultsView(
        path,
        shards,
        async (store) => {
          const described = reportExperimentsFor(store, a.experiment ?? [], a.profile);
          const corrected = a.correction ? described.map((e) => ({ ...e, correction: a.correction })) : described;
          const experiments = withClinical(corrected, { clinical: a.clinical, reference });
          const written = await writeReports(store, experiments, { out: a.out, formats });
          for (const file of written.files) console.log(file);
          // deployable thresholds per level, beside the pages: <out>/<experiment>/<level>/thresholds.json
          for (const e of experiments) for (const file of writeThresholdFiles(store, e, a.out)) console.log(file);
          if (a.open) spawn('xdg-open', [resolve(join(written.out, 'index.html'))], { stdio: 'ignore', detached: true }).unref();
        },
        (line) => process.stderr.write(`${line}\n`),
      );
    },
  },
};

export default command;
