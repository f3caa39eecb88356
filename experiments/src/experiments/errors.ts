/**
 * The error an experiment definition (experiments/src/experiments/<name>.ts) is refused with before
 * any cell runs: the file, the level (when one is at fault), the key, what was expected and what arrived.
 */
import { CxrError } from '@cxr/core';

/** Where an experiment definition lives; error messages name this file. */
export function definitionFile(name: string): string {
  return `experiments/src/experiments/${name}.ts`;
}

/** An experiment definition (or a sweep's view of it: profile, seeds, --set) that cannot run. */
export class ExperimentDefinitionError extends CxrError {
  override name = 'ExperimentDefinitionError';
  constructor(
    /** The definition's file, e.g. 'experiments/src/experiments/table2-unfreeze.ts'. */
    readonly file: string,
    /** The level at fault, null when the fault is the definition's own. */
    readonly level: string | null,
    /** The definition key ('levels', 'comparisons[0].a') or dotted config key ('model.unfreeze'). */
    readonly key: string,
    detail: string,
  ) {
    super(`${file}: ${level === null ? '' : `level '${level}': `}key '${key}': ${detail}`);
  }
}

/** A caller passed resolveExperiment an option outside its contract (seeds, profile). */
export class ExperimentArgumentError extends CxrError {
  override name = 'ExperimentArgumentError';
  constructor(fn: string, arg: string, detail: string) {
    super(`${fn}(${arg}): ${detail}`);
  }
}
