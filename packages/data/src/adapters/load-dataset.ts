import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataArgumentError, DataFileError } from '../errors.ts';
import type { DatasetName, LoadedDataset, UncertaintyPolicy } from '../records.ts';
import { loadChexpert } from './chexpert.ts';
import type { AdapterOptions } from './finish-dataset.ts';
import { CHEXPERT_LABELS, CHEXPERT_VIEWS, NIH_LABELS, NIH_VIEWS, PADCHEST_PROJECTIONS, PADCHEST_THESIS_LABELS } from './label-lists.ts';
import { loadNih } from './nih.ts';
import { loadPadchest } from './padchest.ts';
import { ProblemLog } from './problem-log.ts';
import { UNCERTAINTY_POLICIES } from './uncertainty.ts';

/** How one dataset is read and what it reads by default. */
export interface DatasetAdapter {
  load: (opts: AdapterOptions) => Promise<LoadedDataset>;
  defaultLabels: string[];
  /** The full label vocabulary when the dataset has a closed one (a custom list must come from it). */
  vocabulary?: string[];
  defaultProjections: string[];
  /** Every view value a filter may name. */
  views: string[];
}

/** The datasets with an adapter, as configs and `--dataset` name them; 'phantom' is PadChest's layout. */
export const DATASET_NAMES = ['padchest', 'nih', 'chexpert', 'phantom'] as const;

/** The adapters by dataset name; 'phantom' is PadChest's layout. */
export const DATASET_ADAPTERS: Record<DatasetName, DatasetAdapter> = {
  padchest: { load: loadPadchest, defaultLabels: PADCHEST_THESIS_LABELS, defaultProjections: ['PA'], views: PADCHEST_PROJECTIONS },
  phantom: { load: loadPadchest, defaultLabels: PADCHEST_THESIS_LABELS, defaultProjections: ['PA'], views: PADCHEST_PROJECTIONS },
  nih: {
    load: loadNih,
    defaultLabels: NIH_LABELS,
    vocabulary: [...NIH_LABELS, 'No Finding'],
    defaultProjections: [...NIH_VIEWS],
    views: NIH_VIEWS,
  },
  chexpert: {
    load: loadChexpert,
    defaultLabels: CHEXPERT_LABELS,
    vocabulary: CHEXPERT_LABELS,
    defaultProjections: ['Frontal'],
    views: CHEXPERT_VIEWS,
  },
};

/** Options of {@link loadDataset}. */
export interface LoadDatasetOptions {
  dataset: DatasetName;
  dataDir: string;
  /** A labels CSV other than the published name (PadChest, NIH; CheXpert reads only this file). */
  csvPath?: string;
  /** The experiment's label list; default the dataset's (PADCHEST_THESIS_LABELS, NIH_LABELS, CHEXPERT_LABELS). */
  labels?: string[];
  /** Views to keep; default PA (PadChest, phantom), all (NIH), Frontal (CheXpert). */
  projections?: string[];
  /**
   * The uncertainty policy the caller will apply. Validated here so a typo fails before a long
   * load; records keep UNCERTAIN either way (apply it with applyUncertaintyPolicy).
   */
  uncertain?: UncertaintyPolicy;
  /** Throw at the first problem instead of reporting it (`--strict`). */
  strict?: boolean;
  /** Check that every kept image file exists (default true); missing ones are reported and dropped. */
  checkImages?: boolean;
}

/**
 * Loads a dataset from its published layout into records (one per kept image, labels as a K-vector
 * over the label list), the problems met on the way, view counts before filtering, the official
 * split where one ships, and the dataset fingerprint. Pixels are not decoded.
 *
 * Cost: one streaming pass over the CSV(s) plus one directory listing per image folder.
 * Throws DataArgumentError for an unknown dataset, policy, view or label (listing the valid ones);
 * DataFileError when dataDir is not a directory or a CSV is unreadable, not comma-separated or lacks
 * a required column; DataFileError at the first problem when strict.
 *
 * @example await loadDataset({ dataset: 'phantom', dataDir: 'data/phantom' }) // { records: [...], problems: [], fingerprint: '3f...' }
 */
export async function loadDataset(opts: LoadDatasetOptions): Promise<LoadedDataset> {
  const fn = 'loadDataset';
  const adapter = (DATASET_ADAPTERS as Record<string, DatasetAdapter | undefined>)[opts.dataset];
  if (!adapter) throw new DataArgumentError(fn, 'dataset', `one of ${Object.keys(DATASET_ADAPTERS).join(', ')}`, opts.dataset);
  if (typeof opts.dataDir !== 'string' || opts.dataDir === '') throw new DataArgumentError(fn, 'dataDir', 'a directory path', opts.dataDir);
  const dataDir = resolve(opts.dataDir);
  if (!isDirectory(dataDir))
    throw new DataFileError(dataDir, undefined, undefined, `expected the ${opts.dataset} data directory, but it is not a directory`);
  if (opts.uncertain !== undefined && !UNCERTAINTY_POLICIES.includes(opts.uncertain)) {
    throw new DataArgumentError(fn, 'uncertain', `one of ${UNCERTAINTY_POLICIES.join(', ')}`, opts.uncertain);
  }
  const labels = opts.labels ?? [...adapter.defaultLabels];
  checkNames(fn, 'labels', labels, adapter.vocabulary);
  const projections = opts.projections ?? [...adapter.defaultProjections];
  checkNames(fn, 'projections', projections, adapter.views);
  const adapterOptions: AdapterOptions = {
    dataset: opts.dataset,
    dataDir,
    labels,
    projections,
    checkImages: opts.checkImages ?? true,
    log: new ProblemLog(opts.strict ?? false, opts.dataset),
  };
  if (opts.csvPath !== undefined) adapterOptions.csvPath = resolve(opts.csvPath);
  return adapter.load(adapterOptions);
}

function checkNames(fn: string, arg: string, names: string[], allowed: string[] | undefined): void {
  if (!Array.isArray(names) || names.length === 0) throw new DataArgumentError(fn, arg, 'a non-empty array of names', names);
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.trim() === '' || name !== name.trim()) {
      throw new DataArgumentError(fn, arg, 'names without surrounding spaces', name);
    }
    if (seen.has(name)) throw new DataArgumentError(fn, arg, 'names without duplicates', name);
    seen.add(name);
    if (allowed && !allowed.includes(name)) throw new DataArgumentError(fn, arg, `names from [${allowed.join(', ')}]`, name);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
