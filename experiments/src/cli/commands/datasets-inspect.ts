/**
 * `cxr datasets inspect`: loads a dataset through its adapter and prints what a run would see:
 * images and patients kept, positives per label under the uncertainty policy, view counts before
 * filtering, what became of the CSV rows, the fingerprint, and every problem with its file, line,
 * field and kind. Pixels are not decoded unless --decode asks for it; then every kept image is
 * decoded (as the image cache would) and every unusable one is listed too.
 */
import { countProblems, type Problem } from '@cxr/core';
import {
  DATASET_NAMES,
  UNCERTAINTY_POLICIES,
  checkImages,
  countLabels,
  describeImageProblems,
  loadDataset,
  type DatasetName,
  type LoadedDataset,
  type UncertaintyPolicy,
} from '@cxr/data';
import type { CliCommand } from '../command-types.ts';

interface InspectArgs {
  dataset: DatasetName;
  dataDir?: string;
  csv?: string;
  uncertain: UncertaintyPolicy;
  projections?: string[];
  labels?: string[];
  strict: boolean;
  checkImages: boolean;
  decode: boolean;
  json: boolean;
}

/** Where `cxr datasets make-phantom` / `nx run data:phantom` put the embedded set. */
const DEFAULT_PHANTOM_DIR = 'data/phantom';
/** Problems listed one by one in the text output; the rest are summarised by kind. */
const LISTED_PROBLEMS = 20;

/** The `--json` object; `imageProblems` (from --decode) join the adapter's problems. */
export function inspectSummary(ds: LoadedDataset, uncertain: UncertaintyPolicy, imageProblems?: Problem[]) {
  const problems = [...ds.problems, ...(imageProblems ?? [])];
  return {
    dataset: ds.dataset,
    dataDir: ds.dataDir,
    fingerprint: ds.fingerprint,
    uncertain,
    images: ds.records.length,
    patients: new Set(ds.records.map((r) => r.patientId)).size,
    labels: countLabels(ds.records, ds.labelNames, uncertain),
    projections: ds.projections,
    officialSplit: ds.officialSplit ? { trainVal: ds.officialSplit.trainVal.length, test: ds.officialSplit.test.length } : null,
    rows: ds.rows ?? null,
    decoded: imageProblems ? { images: ds.records.length, bad: imageProblems.length } : null,
    problemKinds: Object.fromEntries(countProblems(problems)),
    problems,
  };
}

function formatText(s: ReturnType<typeof inspectSummary>): string {
  const out: string[] = [];
  out.push(`${s.dataset} at ${s.dataDir}`);
  out.push(`fingerprint ${s.fingerprint}`);
  out.push(`kept ${s.images} images of ${s.patients} patients`);
  out.push(
    `views before filtering: ${
      Object.entries(s.projections)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k || '(empty)'} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  if (s.rows) {
    out.push(
      `CSV rows: ${s.rows.total} read, ${s.rows.kept} kept, ${s.rows.filtered} left out by the view filter, ${s.rows.dropped} dropped`,
    );
  }
  if (s.decoded) out.push(`decoded ${s.decoded.images} images: ${s.decoded.bad} cannot be used`);
  if (s.officialSplit) out.push(`official split: ${s.officialSplit.trainVal} train/val, ${s.officialSplit.test} test images`);
  out.push(`positives per label (uncertain -> ${s.uncertain}):`);
  const width = Math.max(...s.labels.map((l) => l.name.length));
  for (const l of s.labels) {
    const pct = s.images > 0 ? ((100 * l.positives) / s.images).toFixed(1) : '0.0';
    out.push(
      `  ${l.name.padEnd(width)}  ${String(l.positives).padStart(7)}  ${pct.padStart(5)} %${l.uncertain ? `  (${l.uncertain} uncertain)` : ''}`,
    );
  }
  const kinds = Object.entries(s.problemKinds).map(([k, n]) => `${n} ${k}`);
  out.push(`problems: ${s.problems.length}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`);
  for (const p of s.problems.slice(0, LISTED_PROBLEMS)) out.push(`  ${(p.kind ?? 'other').padEnd(18)} ${where(p)}: ${p.message}`);
  if (s.problems.length > LISTED_PROBLEMS) out.push(`  ... and ${s.problems.length - LISTED_PROBLEMS} more (--json lists all)`);
  return out.join('\n');
}

/** Progress of --decode on stderr: one updating line on a terminal, a plain line per 10 % in CI. */
function progressLine(total: number): (done: number) => void {
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let shown = -1;
  return (done) => {
    const step = tty ? Math.floor((done * 100) / total) : Math.floor((done * 10) / total);
    if (step === shown && done !== total) return;
    shown = step;
    const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
    const rate = done / seconds;
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    const text = `decoding images ${done}/${total} (${rate.toFixed(0)} images/s, ETA ${eta} s)`;
    if (tty) process.stderr.write(`\r${text}${done === total ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  };
}

function where(p: Problem): string {
  return `${p.file}${p.line !== undefined ? `:${p.line}` : ''}${p.field ? ` [${p.field}]` : ''}`;
}

const command: CliCommand = {
  group: 'datasets',
  module: {
    command: 'inspect',
    describe: 'Count images, patients, labels, views and problems of a dataset (no pixels decoded)',
    builder: (y) =>
      y
        .option('dataset', { type: 'string', demandOption: true, choices: DATASET_NAMES })
        .option('data-dir', {
          type: 'string',
          describe: `Dataset folder in its published layout (phantom: default ${DEFAULT_PHANTOM_DIR})`,
        })
        .option('csv', { type: 'string', describe: 'Labels CSV other than the published file name' })
        .option('uncertain', {
          type: 'string',
          choices: UNCERTAINTY_POLICIES,
          default: 'ones',
          describe: 'CheXpert uncertainty policy for the positive counts',
        })
        .option('projections', {
          type: 'string',
          array: true,
          describe: 'Views to keep (default: PA for PadChest/phantom, all for NIH, Frontal for CheXpert)',
        })
        .option('labels', { type: 'string', array: true, describe: "Label list (default: the dataset's)" })
        .option('strict', { type: 'boolean', default: false, describe: 'Stop at the first problem' })
        .option('check-images', { type: 'boolean', default: true, describe: 'Check that every image file exists' })
        .option('decode', {
          type: 'boolean',
          default: false,
          describe: 'Decode every kept image (as the image cache would) and list every one that cannot be used',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print one JSON object' })
        .check((a) => {
          if (a.dataset !== 'phantom' && !a['data-dir']) throw new Error(`--data-dir is required for --dataset ${String(a.dataset)}`);
          return true;
        }),
    handler: async (argv) => {
      const a = argv as unknown as InspectArgs;
      const ds = await loadDataset({
        dataset: a.dataset,
        dataDir: a.dataDir ?? DEFAULT_PHANTOM_DIR,
        ...(a.csv !== undefined && { csvPath: a.csv }),
        ...(a.projections !== undefined && { projections: a.projections }),
        ...(a.labels !== undefined && { labels: a.labels }),
        uncertain: a.uncertain,
        strict: a.strict,
        checkImages: a.checkImages,
      });
      const imageProblems = a.decode ? await checkImages(ds.records, { onProgress: progressLine(ds.records.length) }) : undefined;
      const summary = inspectSummary(ds, a.uncertain, imageProblems);
      console.log(a.json ? JSON.stringify(summary, null, 2) : formatText(summary));
      if (a.strict && imageProblems && imageProblems.length > 0) {
        throw new Error(`${describeImageProblems(imageProblems, ds.records.length)}\n(--strict fails on any image that cannot be used)`);
      }
    },
  },
};

export default command;
