/**
 * " (did you mean 'x'?)" for the candidate closest to `value` within edit distance 2 (Levenshtein,
 * case-insensitive; ties go to the first candidate), or '' when none is that close. Used for
 * unknown config keys and unknown names (backbones, losses, datasets, presets).
 *
 * Cost: O(|value| x total candidate length).
 * @example didYouMean('mobilenet-v2', ['cnn3', 'mobilenetv2']) // " (did you mean 'mobilenetv2'?)"
 * @example didYouMean('vgg', ['cnn3', 'mobilenetv2']) // ''
 */
export function didYouMean(value: string, candidates: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(value.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best !== null && best !== value ? ` (did you mean '${best}'?)` : '';
}

/**
 * Levenshtein distance (insertions, deletions and substitutions cost 1).
 *
 * @example editDistance('patiense', 'patience') // 1
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
