/**
 * The threshold grid of seed document 000, section 2.5.3: 0.10 to 0.85 in steps of 0.05
 * (16 values), built from integers so that no value carries float drift (0.15, not 0.15000000000000002).
 *
 * Cost: O(1).
 * @example defaultF1Grid() // [0.1, 0.15, 0.2, ..., 0.8, 0.85]
 */
export function defaultF1Grid(): number[] {
  const grid: number[] = [];
  for (let hundredths = 10; hundredths <= 85; hundredths += 5) grid.push(hundredths / 100);
  return grid;
}
