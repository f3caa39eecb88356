/**
 * The dataset fingerprint of each cell of a sweep - one part of its run's identity - read once
 * per distinct dataset config. 'load' generates a missing phantom set (loadRunDataset, what the
 * trainer does); 'peek' writes nothing and gives null where the phantom set is not there yet
 * (peekRunDataset: a dry run and `cxr sweep status` change nothing).
 */
import { canonicalJson } from '@cxr/results';
import { loadRunDataset, peekRunDataset } from '@cxr/train';
import type { ResolvedCell } from '../experiments/resolve-experiment.ts';

/**
 * Fingerprints by cell index (null: its dataset is not there yet, 'peek' only).
 *
 * @throws TrainConfigError for a real dataset without a folder; the adapter's errors for bad files.
 * @example await cellFingerprints(resolved.cells, 'data', 'load') // Map { 0 => 'a1b2...', 1 => 'a1b2...', ... }
 */
export async function cellFingerprints(
  cells: readonly ResolvedCell[],
  dataRoot: string,
  mode: 'load' | 'peek',
  log: (line: string) => void = () => {},
): Promise<Map<number, string | null>> {
  const byDataset = new Map<string, string | null>();
  const out = new Map<number, string | null>();
  for (const cell of cells) {
    const key = canonicalJson(cell.config.dataset);
    if (!byDataset.has(key)) {
      const dataset = mode === 'load' ? await loadRunDataset(cell.config, dataRoot, log) : await peekRunDataset(cell.config, dataRoot);
      byDataset.set(key, dataset?.fingerprint ?? null);
    }
    out.set(cell.index, byDataset.get(key)!);
  }
  return out;
}
