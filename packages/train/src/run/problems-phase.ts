/**
 * The dataset's recoverable problems go with the run: recorded in results.db right after the claim
 * (so `cxr db show RUN` lists them), and a run whose dataset lost more than a small fraction of its
 * data rows fails before training instead of quietly training on what was left.
 */
import { countProblems, type Problem } from '@cxr/core';
import { BadImagesError, type LoadedDataset } from '@cxr/data';
import type { ResultsStore, RunClaim } from '@cxr/results';
import { TrainArgumentError, TrainDataError } from '../errors.ts';

/** The default RunRequest.maxDroppedFraction: more than 1 % of the data rows dropped fails the run. */
export const DEFAULT_MAX_DROPPED_FRACTION = 0.01;

/** How many problems the limit error quotes. */
const QUOTED = 5;

/**
 * Data rows dropped by problems, over the kept records plus those. The adapter's own row account
 * (`dataset.rows`) is used where it has one; else the distinct (file, line) places of the problems
 * that have a line (several problems of one row count once).
 *
 * @example droppedRows({ records: new Array(99), problems: [{ file: 'a.csv', line: 3, message: 'x' }] }) // { dropped: 1, rows: 100, fraction: 0.01 }
 */
export function droppedRows(dataset: Pick<LoadedDataset, 'records' | 'problems' | 'rows'>): {
  dropped: number;
  rows: number;
  fraction: number;
} {
  if (dataset.rows) {
    const rows = dataset.records.length + dataset.rows.dropped;
    return { dropped: dataset.rows.dropped, rows, fraction: rows === 0 ? 0 : dataset.rows.dropped / rows };
  }
  const places = new Set<string>();
  for (const p of dataset.problems) if (p.line !== undefined) places.add(`${p.file}\0${p.line}`);
  const dropped = places.size;
  const rows = dataset.records.length + dropped;
  return { dropped, rows, fraction: rows === 0 ? 0 : dropped / rows };
}

/** `labels.csv:12 (ImageID): image file not found: a.png` */
export function formatProblem(p: Problem): string {
  const where = `${p.file}${p.line !== undefined ? `:${p.line}` : ''}${p.field !== undefined ? ` (${p.field})` : ''}`;
  return `${where}: ${p.message}`;
}

/**
 * Records `dataset.problems` with the claimed run (replacing an earlier attempt's), then fails when
 * more than `maxDroppedFraction` of the data rows were dropped.
 *
 * @throws TrainArgumentError for a fraction outside [0, 1]; TrainDataError listing the counts by kind
 *   and the first problems, e.g. `runExperiment: 3 of 100 data rows (3.0 %) were dropped, more than
 *   maxDroppedFraction 0.01 allows: 2 missing-image, 1 malformed-row; first problems: ...`.
 */
export function recordDatasetProblems(
  store: ResultsStore,
  claim: RunClaim,
  dataset: Pick<LoadedDataset, 'records' | 'problems' | 'rows'>,
  maxDroppedFraction: number = DEFAULT_MAX_DROPPED_FRACTION,
): void {
  if (typeof maxDroppedFraction !== 'number' || !(maxDroppedFraction >= 0 && maxDroppedFraction <= 1)) {
    throw new TrainArgumentError('runExperiment', 'maxDroppedFraction', 'a fraction in [0, 1]', maxDroppedFraction);
  }
  store.recordProblems(claim, dataset.problems);
  const { dropped, rows, fraction } = droppedRows(dataset);
  if (fraction <= maxDroppedFraction) return;
  const counts = countProblems(dataset.problems);
  const quoted = dataset.problems.slice(0, QUOTED).map(formatProblem);
  const more = dataset.problems.length > QUOTED ? `; and ${dataset.problems.length - QUOTED} more` : '';
  throw new TrainDataError(
    dropped,
    rows,
    counts,
    `runExperiment: ${dropped} of ${rows} data rows (${(fraction * 100).toFixed(1)} %) were dropped, more than maxDroppedFraction ` +
      `${maxDroppedFraction} allows: ${counts.map(([k, c]) => `${c} ${k}`).join(', ')}; first problems: ${quoted.join('; ')}${more}. ` +
      `All are stored with run ${claim.runId} (cxr db show ${claim.runId}); fix the data or raise the limit (cxr train --max-dropped-fraction)`,
  );
}

/**
 * Runs `prepare` (the data phase that builds the image cache); when the cache reports undecodable
 * images (BadImagesError: every one of them, found in one pass), they are appended to the run's
 * problems before the error goes on, so `cxr db show RUN` lists each bad file.
 *
 * @throws what `prepare` throws, unchanged.
 * @example const data = await recordImageProblems(store, claim, () => prepareRunData(config, seed, dataset, cacheDir));
 */
export async function recordImageProblems<T>(store: ResultsStore, claim: RunClaim, prepare: () => Promise<T>): Promise<T> {
  try {
    return await prepare();
  } catch (error) {
    if (error instanceof BadImagesError) store.recordProblems(claim, error.problems, { append: true });
    throw error;
  }
}
