/**
 * Which test images get a Grad-CAM map: as in the thesis' Figure 6 (002, line ~521), images with a
 * single positive label whose predicted probability for that label reaches a threshold (0.9),
 * highest probability first, N per label.
 */
import type { PredictionSet } from '@cxr/results';
import { CliArgumentError } from '../cli/parse-seed.ts';

export interface CaseSelection {
  /** Only this label (default: every label of the run). */
  label?: string;
  /** Images per label (default 4). */
  perLabel?: number;
  /** Smallest predicted probability of the positive label (default 0.9). */
  minProbability?: number;
}

export interface SelectedCase {
  label: string;
  labelIndex: number;
  /** Row of the prediction set (the position in the run's test split). */
  row: number;
  probability: number;
}

/**
 * The selected rows of `predictions`, by label in the run's order, then probability descending
 * (ties: lower row first).
 *
 * @throws CliArgumentError naming the label and listing the run's labels when `label` is unknown;
 *   when no image passes, saying how many single-positive images were tried and the best
 *   probability seen; when perLabel is not an integer >= 1 or minProbability not in [0, 1].
 * @example selectCases(store.getPredictions(3, 'test'), { label: 'cardiomegaly' })
 */
export function selectCases(predictions: PredictionSet, selection: CaseSelection = {}): SelectedCase[] {
  const perLabel = selection.perLabel ?? 4;
  const minProbability = selection.minProbability ?? 0.9;
  if (!Number.isInteger(perLabel) || perLabel < 1)
    throw new CliArgumentError(`cxr gradcam: --images must be an integer >= 1, received ${perLabel}`);
  if (!(minProbability >= 0 && minProbability <= 1))
    throw new CliArgumentError(`cxr gradcam: --min-prob must be in [0, 1], received ${minProbability}`);
  const { labelNames, rows, cols, probabilities, labels } = predictions;
  let wanted = labelNames.map((_, i) => i);
  if (selection.label !== undefined) {
    const i = labelNames.indexOf(selection.label);
    if (i < 0)
      throw new CliArgumentError(
        `cxr gradcam: --label ${JSON.stringify(selection.label)} is not a label of this run; its labels: ${labelNames.join(', ')}`,
      );
    wanted = [i];
  }
  const byLabel = new Map<number, SelectedCase[]>(wanted.map((i) => [i, []]));
  let tried = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < rows; r++) {
    let positive = -1;
    let count = 0;
    for (let c = 0; c < cols; c++) {
      if (labels[r * cols + c] === 1) {
        positive = c;
        count++;
      }
    }
    const bucket = count === 1 ? byLabel.get(positive) : undefined;
    if (!bucket) continue;
    tried++;
    const probability = probabilities[r * cols + positive]!;
    best = Math.max(best, probability);
    if (probability >= minProbability) bucket.push({ label: labelNames[positive]!, labelIndex: positive, row: r, probability });
  }
  const out = wanted.flatMap((i) =>
    byLabel
      .get(i)!
      .sort((a, b) => b.probability - a.probability || a.row - b.row)
      .slice(0, perLabel),
  );
  if (out.length === 0) {
    const what = selection.label === undefined ? 'a single positive label' : `${selection.label} as its only positive label`;
    const seen = tried === 0 ? 'none has one' : `the best probability seen was ${best.toFixed(3)}`;
    throw new CliArgumentError(
      `cxr gradcam: no test image with ${what} reaches --min-prob ${minProbability}: ${tried} of ${rows} images tried, ${seen}`,
    );
  }
  return out;
}
