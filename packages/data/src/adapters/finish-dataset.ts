import type { CxrRecord, DatasetName, LoadedDataset } from '../records.ts';
import { datasetFingerprint } from './fingerprint.ts';
import { existingFiles } from './image-files.ts';
import type { ProblemLog } from './problem-log.ts';

/** What every adapter receives once loadDataset has validated and defaulted the options. */
export interface AdapterOptions {
  dataset: DatasetName;
  /** Absolute. */
  dataDir: string;
  csvPath?: string;
  labels: string[];
  projections: string[];
  checkImages: boolean;
  log: ProblemLog;
}

/** A record that passed its row's checks, with the place it came from for later problems. */
export interface Candidate {
  record: CxrRecord;
  file: string;
  line: number;
  field: string;
}

/** How many data rows an adapter read and how many a view filter left out (not problems). */
export interface RowTally {
  total: number;
  filtered: number;
}

/**
 * The steps every adapter ends with: drop candidates whose image file is missing (reported with the
 * CSV file, line and path field, kind 'missing-image'), sort the problems by file and line, count
 * what became of the rows, then fingerprint the kept records.
 */
export async function finishDataset(
  opts: AdapterOptions,
  candidates: Candidate[],
  projections: Record<string, number>,
  tally: RowTally,
  officialSplit?: { trainVal: string[]; test: string[] },
): Promise<LoadedDataset> {
  let kept = candidates;
  if (opts.checkImages) {
    const found = await existingFiles(candidates.map((c) => c.record.path));
    kept = candidates.filter((c) => {
      if (found.has(c.record.path)) return true;
      opts.log.add({
        file: c.file,
        line: c.line,
        field: c.field,
        kind: 'missing-image',
        message: `image file not found: ${c.record.path}`,
      });
      return false;
    });
  }
  const records = kept.map((c) => c.record);
  // Problems found after the pass (missing images) join the row problems in file and line order.
  const fileOrder = new Map<string, number>();
  for (const p of opts.log.problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  const last = Number.MAX_SAFE_INTEGER;
  opts.log.problems.sort((a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || (a.line ?? last) - (b.line ?? last));
  const result: LoadedDataset = {
    dataset: opts.dataset,
    dataDir: opts.dataDir,
    labelNames: opts.labels,
    records,
    problems: opts.log.problems,
    rows: { total: tally.total, kept: records.length, filtered: tally.filtered, dropped: tally.total - tally.filtered - records.length },
    projections,
    fingerprint: datasetFingerprint(records, opts.labels),
  };
  if (officialSplit) {
    const keptIds = new Set(records.map((r) => r.imageId));
    result.officialSplit = {
      trainVal: officialSplit.trainVal.filter((id) => keptIds.has(id)),
      test: officialSplit.test.filter((id) => keptIds.has(id)),
    };
  }
  return result;
}

/** Adds one to `counts[key]`. */
export function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** True for the cells pandas and hand-made CSVs use for "no value". */
export function isMissing(cell: string | undefined): boolean {
  if (cell === undefined) return true;
  const t = cell.trim();
  return t === '' || t === 'nan' || t === 'NaN' || t === 'None' || t === 'null';
}

/**
 * True when `view` is in the dataset's vocabulary; otherwise reports an 'unknown-projection'
 * problem (the row is skipped: no view filter can name an unknown view) and returns false.
 */
export function knownView(
  view: string,
  vocabulary: readonly string[],
  log: ProblemLog,
  at: { file: string; line: number; field: string },
): boolean {
  if (vocabulary.includes(view)) return true;
  log.add({
    ...at,
    kind: 'unknown-projection',
    message: `${view === '' ? 'empty view' : `unknown view ${JSON.stringify(view)}`}; expected one of ${vocabulary.join(', ')}; row skipped`,
  });
  return false;
}
