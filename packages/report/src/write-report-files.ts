/**
 * Writes a reports folder from report models: `<name>.html` (and `.md`, `.tex`) per experiment,
 * `index.html` with html, `runs.csv` / `runs.json` over all experiments; every file whole (temp
 * file, then rename). The text renderers are passed in, so this module only decides what goes where.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReportArgumentError } from './errors.ts';
import { renderExperimentPage } from './html/experiment-page.ts';
import { findGradcamGalleries } from './html/gradcam-galleries.ts';
import { experimentPageName, renderIndexPage } from './html/index-page.ts';
import type { ReportModel } from './report-types.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** The formats `cxr report --format` accepts. */
export const REPORT_FORMATS = ['html', 'md', 'tex', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Where a reports folder goes and what it holds (formats default to ['html']). */
export interface WriteReportsOptions {
  out: string;
  formats?: ReportFormat[];
}

/** The files written, in the order written (absolute or as `out` was given). */
export interface WrittenReports {
  out: string;
  files: string[];
}

/** The text renderers of the formats other than html. */
export interface TextRenderers {
  md: (model: ReportModel) => string;
  tex: (model: ReportModel) => string;
  csv: (models: ReportModel[]) => string;
  json: (models: ReportModel[]) => string;
}

/**
 * The formats as given, checked: each known, at least one; duplicates are dropped.
 *
 * Throws ReportArgumentError naming the unknown format and the valid ones.
 *
 * @example checkFormats(['md', 'html', 'md']) // ['md', 'html']
 */
export function checkFormats(formats: readonly string[]): ReportFormat[] {
  if (formats.length === 0)
    throw new ReportArgumentError('writeReports', 'options.formats', `at least one of ${REPORT_FORMATS.join(', ')}`, formats);
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw new ReportArgumentError('writeReports', 'options.formats', `one of ${REPORT_FORMATS.join(', ')}`, f);
  }
  return [...new Set(formats)] as ReportFormat[];
}

/**
 * Writes the folder for `models` with `render` for md/tex/csv/json and returns the paths written.
 * Cost: the html pages dominate (one SVG render per chart).
 *
 * Throws ReportArgumentError for bad formats or two models of one name; ReportError when a file cannot be written.
 *
 * @example await writeReportFiles([model], { out: 'reports', formats: ['html', 'csv'] }, renderers) // { out: 'reports', files: ['reports/t2.html', 'reports/index.html', 'reports/runs.csv'] }
 */
export async function writeReportFiles(
  models: ReportModel[],
  options: WriteReportsOptions,
  render: TextRenderers,
): Promise<WrittenReports> {
  const formats = checkFormats(options.formats ?? ['html']);
  const names = models.map((m) => m.experiment.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new ReportArgumentError('writeReports', 'experiments', 'each experiment once', twice);
  mkdirSync(options.out, { recursive: true });
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(options.out, name);
    writeFileAtomic(path, text);
    files.push(path);
  };
  for (const model of models) {
    if (formats.includes('html'))
      write(
        experimentPageName(model.experiment.name),
        await renderExperimentPage(model, findGradcamGalleries(options.out, model.experiment.name)),
      );
    if (formats.includes('md')) write(`${model.experiment.name}.md`, render.md(model));
    if (formats.includes('tex')) write(`${model.experiment.name}.tex`, render.tex(model));
  }
  if (formats.includes('html')) write('index.html', renderIndexPage(models));
  if (formats.includes('csv')) write('runs.csv', render.csv(models));
  if (formats.includes('json')) write('runs.json', render.json(models));
  return { out: options.out, files };
}
