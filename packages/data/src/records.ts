/**
 * The record types every adapter produces and every later stage consumes.
 */
import type { Problem } from '@cxr/core';
import type { DATASET_NAMES } from './adapters/load-dataset.ts';
import type { UNCERTAINTY_POLICIES } from './adapters/uncertainty.ts';

/** Datasets with an adapter (DATASET_NAMES). 'phantom' is the embedded synthetic set, read through PadChest's adapter. */
export type DatasetName = (typeof DATASET_NAMES)[number];

/** CheXpert uncertain (-1) labels (UNCERTAINTY_POLICIES): U-Ones -> 1, U-Zeros -> 0, U-Ignore -> masked out of the loss. */
export type UncertaintyPolicy = (typeof UNCERTAINTY_POLICIES)[number];

/** The value an adapter stores for an uncertain label before a policy is applied. */
export const UNCERTAIN = -1;

/** One image. */
export interface CxrRecord {
  imageId: string;
  patientId: string;
  studyId?: string;
  /** ISO date (YYYY-MM-DD) when the dataset has one. */
  studyDate?: string;
  /** View or projection as the dataset spells it (PA, AP, L, AP_horizontal, Frontal, Lateral, ...). */
  view: string;
  sex?: string;
  age?: number;
  /** Absolute path of the image file. */
  path: string;
  /** One value per label of the dataset's label list: 1, 0, or UNCERTAIN (-1, CheXpert only). */
  labels: Float32Array;
}

/** A recoverable problem found while loading (source, kind, file, line, field, message), reported rather than silently dropped. */
export type { Problem } from '@cxr/core';

/** Everything an adapter returns. */
export interface LoadedDataset {
  dataset: DatasetName;
  dataDir: string;
  labelNames: string[];
  /** Kept records, in file order. */
  records: CxrRecord[];
  /** Every problem met, in file and line order; each skipped row has one (see the adapters' README for the kinds). */
  problems: Problem[];
  /**
   * What became of the CSV data rows (malformed ones included): total = kept + filtered (a known
   * view outside the projections asked for) + dropped (each with a problem naming its line).
   */
  rows?: { total: number; kept: number; filtered: number; dropped: number };
  /** Counts by view/projection over all parsed rows, before view filtering. */
  projections: Record<string, number>;
  /** SHA-256 hex of the kept records and the label list. */
  fingerprint: string;
  /** Official split by imageId where the dataset ships one (NIH lists, CheXpert valid.csv). */
  officialSplit?: { trainVal: string[]; test: string[] };
}
