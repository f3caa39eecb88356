/**
 * `cxr predict --run RUN --images DIR|FILE... [--thresholds FILE] [--rule R] [--json|--csv] [--db PATH]`:
 * applies a done run's kept best weights (loadRunModel) to radiographs (PNG 8/16 bit, JPEG) with
 * the run's own preprocessing (preprocessImageFile), and prints per image the probability of each
 * label and, with a thresholds file (`cxr thresholds --json`, or a report's thresholds.json), the
 * decision per label under one rule (default youden). An image that cannot be read or decoded is
 * named on stderr and the rest go on; the exit code is then 1. A run whose model takes patient
 * data (seed 000) needs `--age --sex --view` (all images) or `--patient-csv FILE` (per image).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toCsv } from '@cxr/core';
import { readThresholdFile, THRESHOLD_RULES, type ThresholdRule } from '@cxr/report';
import { openResultsStore } from '@cxr/results';
import { backendNames, loadRunModel, predictProbabilities, preprocessImageFile, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { patientInputsFor, type PatientArgs } from '../patient-inputs.ts';
import { dbOption, dbPath, formatTable, noDatabase, requireRunIn } from './db.ts';

interface PredictArgs extends PatientArgs {
  run: number;
  images: string[];
  thresholds?: string;
  rule: ThresholdRule;
  json: boolean;
  csv: boolean;
  db?: string;
  backend: BackendName;
}

/** Image files of a folder that predict reads. */
const IMAGE_FILE = /\.(png|jpe?g)$/i;
/** Images decoded and predicted at once. */
const BATCH = 32;

/** One image's result; `decisions` only with thresholds (null where the rule had no threshold). */
export interface ImagePrediction {
  file: string;
  probabilities: Record<string, number>;
  decisions?: Record<string, boolean | null>;
}

/**
 * The files `--images` names: a folder gives its *.png, *.jpg and *.jpeg (sorted by name, not
 * recursive), a file itself; a path that does not exist goes to `missing`.
 *
 * @example imageFilesOf(['scans', 'extra.jpg']) // { files: ['scans/a.png', 'scans/b.png', 'extra.jpg'], missing: [] }
 */
export function imageFilesOf(paths: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) missing.push(p);
    else if (statSync(p).isDirectory())
      files.push(
        ...readdirSync(p)
          .filter((name) => IMAGE_FILE.test(name))
          .sort()
          .map((name) => join(p, name)),
      );
    else files.push(p);
  }
  return { files, missing };
}

/**
 * Per label, the threshold of `rule` in a thresholds file for run `runId` (null where the rule has none).
 *
 * @throws Error naming the file when it is for another run or lacks one of the model's labels.
 */
export function thresholdsFor(
  path: string,
  runId: number,
  labelNames: readonly string[],
  rule: ThresholdRule,
): Record<string, number | null> {
  const file = readThresholdFile(path);
  if (file.runId !== runId)
    throw new Error(
      `cxr predict --thresholds ${path}: the thresholds are run ${file.runId}'s, not run ${runId}'s (make them with cxr thresholds --run ${runId} --json)`,
    );
  const out: Record<string, number | null> = {};
  for (const label of labelNames) {
    const entry = file.labels[label]?.[rule];
    if (!entry) throw new Error(`cxr predict --thresholds ${path}: no ${rule} threshold for label ${JSON.stringify(label)}`);
    out[label] = entry.threshold;
  }
  return out;
}

const command: CliCommand = {
  module: {
    command: 'predict',
    describe: "Apply a done run's best weights to radiographs (PNG/JPEG) and print each label's probability (and decision)",
    builder: (y) =>
      y
        .option('run', { type: 'number', demandOption: true, describe: 'Run id (see cxr db runs)' })
        .option('images', { type: 'string', array: true, demandOption: true, describe: 'Image files or folders (*.png, *.jpg, *.jpeg)' })
        .option('thresholds', { type: 'string', describe: 'A thresholds.json (cxr thresholds --json, or reports/<experiment>/<level>/)' })
        .option('rule', { type: 'string', choices: THRESHOLD_RULES, default: 'youden', describe: 'Which threshold of the file decides' })
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON' })
        .option('csv', { type: 'boolean', default: false, describe: 'Print CSV (one row per image)' })
        .option('age', { type: 'number', describe: 'Patient age in years (runs with patient data; every image)' })
        .option('sex', { type: 'string', describe: 'Patient sex, M or F (runs with patient data; every image)' })
        .option('view', { type: 'string', describe: 'View position, PA or AP (runs with patient data; every image)' })
        .option('patient-csv', { type: 'string', describe: 'CSV with columns image, age, sex, view: patient data per image file name' })
        .option('db', dbOption)
        .option('backend', { type: 'string', choices: backendNames, default: 'auto' as BackendName, describe: 'tfjs backend' }),
    handler: async (argv) => {
      const a = argv as unknown as PredictArgs;
      if (a.json && a.csv) throw new Error('cxr predict: --json and --csv exclude each other; pass one');
      if (!Number.isSafeInteger(a.run) || a.run < 1)
        throw new Error(`cxr predict: --run must be a run id (an integer >= 1), received ${JSON.stringify(a.run)}`);
      const path = dbPath(a);
      if (!existsSync(path)) throw noDatabase(path);
      await selectBackend(a.backend, (line) => console.error(line));
      const store = openResultsStore({ path, readonly: true });
      let loaded;
      try {
        requireRunIn(store, a.run);
        loaded = await loadRunModel(store, a.run);
      } finally {
        store.close();
      }
      const { model, labelNames, config } = loaded;
      try {
        const thresholds = a.thresholds ? thresholdsFor(a.thresholds, a.run, labelNames, a.rule) : null;
        const { files, missing } = imageFilesOf(a.images);
        const patients = patientInputsFor(files, loaded.meta.patientInputs, a);
        const failed: { file: string; error: string }[] = missing.map((file) => ({ file, error: 'no such file or folder' }));
        const results: ImagePrediction[] = [];
        for (let start = 0; start < files.length; start += BATCH) {
          const batch: { file: string; input: Float32Array; patient?: Float32Array }[] = [];
          for (const [j, file] of files.slice(start, start + BATCH).entries()) {
            try {
              const patient = patients?.[start + j];
              batch.push({ file, input: await preprocessImageFile(file, config.image), ...(patient ? { patient } : {}) });
            } catch (error) {
              failed.push({ file, error: (error as Error).message });
            }
          }
          const probs = await predictProbabilities(
            model,
            batch.map((b) => b.input),
            config.image,
            ...(patients ? [batch.map((b) => b.patient!)] : []),
          );
          batch.forEach(({ file }, i) => {
            const p = probs[i]!;
            const probabilities = Object.fromEntries(labelNames.map((l, k) => [l, p[k]!]));
            const result: ImagePrediction = { file, probabilities };
            if (thresholds)
              result.decisions = Object.fromEntries(labelNames.map((l, k) => [l, thresholds[l] === null ? null : p[k]! >= thresholds[l]!]));
            results.push(result);
          });
        }
        for (const f of failed) console.error(`cxr predict: ${f.file}: ${f.error}`);
        print(a, labelNames, results, failed, thresholds);
        if (failed.length > 0) process.exitCode = 1;
      } finally {
        model.dispose();
      }
    },
  },
};

function print(
  a: PredictArgs,
  labelNames: string[],
  results: ImagePrediction[],
  failed: { file: string; error: string }[],
  thresholds: Record<string, number | null> | null,
): void {
  if (a.json) {
    const rule = thresholds ? { rule: a.rule, thresholds, thresholdsFile: resolve(a.thresholds!) } : {};
    console.log(JSON.stringify({ runId: a.run, labels: labelNames, ...rule, images: results, failed }, null, 2));
    return;
  }
  const header = ['file', ...labelNames, ...(thresholds ? labelNames.map((l) => `${l}_positive`) : [])];
  const rows = results.map((r) => [
    r.file,
    ...labelNames.map((l) => (a.csv ? String(r.probabilities[l]) : r.probabilities[l]!.toFixed(4))),
    ...(r.decisions ? labelNames.map((l) => (r.decisions![l] === null ? '' : r.decisions![l] ? '1' : '0')) : []),
  ]);
  if (a.csv) process.stdout.write(toCsv([header, ...rows]));
  else {
    if (thresholds) console.log(`decisions: ${a.rule} thresholds of ${a.thresholds} (1 = positive)`);
    console.log(formatTable([header, ...rows]));
  }
}

export default command;
