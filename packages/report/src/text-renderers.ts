/** The renderers writeReports uses for the formats other than html (render/, pure functions of models). */
import { renderLatex } from './render/render-latex.ts';
import { renderMarkdown } from './render/render-markdown.ts';
import { runsCsv } from './render/runs-csv.ts';
import { runsJson } from './render/runs-json.ts';
import type { TextRenderers } from './write-report-files.ts';

export const TEXT_RENDERERS: TextRenderers = { md: renderMarkdown, tex: renderLatex, csv: runsCsv, json: runsJson };
