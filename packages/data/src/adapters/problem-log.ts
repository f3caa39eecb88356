import { DataFileError } from '../errors.ts';
import type { Problem, ProblemSink } from '@cxr/core';

/**
 * Collects the recoverable problems of one load. In strict mode the first problem throws instead,
 * so `--strict` turns "count and go on" into "stop at the first bad row".
 */
export class ProblemLog implements ProblemSink {
  readonly problems: Problem[] = [];

  constructor(readonly strict: boolean) {}

  /** Records a problem; throws DataFileError naming its file, line and field when strict. */
  add(problem: Problem): void {
    if (this.strict) {
      throw new DataFileError(problem.file, problem.line, problem.field, `${problem.message} (strict mode stops at the first problem)`);
    }
    this.problems.push(problem);
  }
}
