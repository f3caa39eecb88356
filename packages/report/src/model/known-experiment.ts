/** The check that a named experiment is in the store, shared by the model builders. */
import type { ResultsStore } from '@cxr/results';
import { ReportArgumentError } from '../errors.ts';

/**
 * Returns the store's summary of experiment `name`.
 *
 * @throws ReportArgumentError naming `fn` and `arg` and listing the experiments there are.
 */
export function knownExperiment(store: ResultsStore, name: unknown, fn: string, arg: string) {
  const all = store.listExperiments();
  const found = all.find((e) => e.name === name);
  if (!found)
    throw new ReportArgumentError(fn, arg, `one of the experiments in ${store.path} [${all.map((e) => e.name).join(', ')}]`, name);
  return found;
}
