import type { Problem, ProblemSink } from '@cxr/core';
import { DataFileError } from '../errors.ts';

/**
 * The kinds of problem the adapters report. Every kind but the last three skips the row it names
 * (and, for 'missing-image', the record), so a dropped row always has a problem with its line.
 * - 'malformed-row': the row cannot be parsed (unbalanced quote, quote inside an unquoted field)
 * - 'short-row' / 'long-row': fewer / more fields than the header
 * - 'bad-encoding': bytes that are not UTF-8
 * - 'missing-field': an empty id, folder or label cell the row cannot do without
 * - 'duplicate-id': an image id seen on an earlier line
 * - 'bad-label': an empty/NaN or unparseable label cell, an unknown finding, a bad label value
 * - 'bad-path': a CheXpert Path without patientNNNNN/studyN/
 * - 'unknown-projection': a view/projection outside the dataset's vocabulary (never kept)
 * - 'missing-image': the row's image file does not exist
 * Kept: 'bad-value' (a date or age left out of a kept record), 'unknown-column' (a header name
 * outside the published layout), 'unused-label' (a custom label no kept row has).
 */
export type DataProblemKind =
  | 'malformed-row'
  | 'short-row'
  | 'long-row'
  | 'bad-encoding'
  | 'missing-field'
  | 'duplicate-id'
  | 'bad-label'
  | 'bad-path'
  | 'unknown-projection'
  | 'missing-image'
  | 'bad-value'
  | 'unknown-column'
  | 'unused-label';

/** The kinds that do not skip a row (see DataProblemKind). */
export const ROW_KEEPING_PROBLEM_KINDS: readonly DataProblemKind[] = ['bad-value', 'unknown-column', 'unused-label'];

/** What an adapter reports; the log adds the source (the dataset name). */
export type AdapterProblem = Omit<Problem, 'source' | 'kind'> & { kind: DataProblemKind | (string & {}) };

/**
 * Collects the recoverable problems of one load, each as a @cxr/core Problem whose source is the
 * adapter ('padchest', 'nih', 'chexpert', 'phantom'). In strict mode the first problem throws
 * instead, so `--strict` turns "count and go on" into "stop at the first bad row".
 */
export class ProblemLog implements ProblemSink {
  readonly problems: Problem[] = [];

  constructor(
    readonly strict: boolean,
    readonly source?: string,
  ) {}

  /** Records a problem; throws DataFileError naming its file, line and field when strict. */
  add(problem: AdapterProblem): void {
    if (this.strict) {
      throw new DataFileError(problem.file, problem.line, problem.field, `${problem.message} (strict mode stops at the first problem)`);
    }
    this.problems.push(this.source !== undefined ? { source: this.source, ...problem } : { ...problem });
  }
}
