import type { MacroAverage } from '../types.ts';

/** Mean over the defined (non-NaN) per-label values, with the skipped labels and reasons. */
export function macroOf(perLabel: number[], reasons: string[]): MacroAverage {
  let sum = 0;
  let used = 0;
  const skippedLabels: { label: number; reason: string }[] = [];
  for (let k = 0; k < perLabel.length; k++) {
    const v = perLabel[k]!;
    if (Number.isNaN(v)) skippedLabels.push({ label: k, reason: reasons[k] || 'undefined value' });
    else {
      sum += v;
      used++;
    }
  }
  return { macro: used > 0 ? sum / used : Number.NaN, perLabel, skipped: skippedLabels.length, skippedLabels };
}
