/**
 * Spec ids of the clinical figures carry the level, but levels are free text ('90 %',
 * 'EfficientNetB0 / CutMix'): a page uses the id as an element id and a file stem, so it must be
 * letters, digits and dashes only, and two levels must never share one.
 */

/**
 * One id part per level, in the order given: lower-case letters, digits and single dashes ('%' reads
 * 'pct'); a level whose part is already taken gets '-2', '-3', ... in that order.
 *
 * @example levelIdParts(['90 %', '90-%', 'a/b']) // Map { '90 %' => '90-pct', '90-%' => '90-pct-2', 'a/b' => 'a-b' }
 */
export function levelIdParts(levels: readonly string[]): Map<string, string> {
  const parts = new Map<string, string>();
  const taken = new Set<string>();
  for (const level of levels) {
    if (parts.has(level)) continue;
    const base =
      level
        .replace(/%/g, ' pct ')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'level';
    let part = base;
    for (let k = 2; taken.has(part); k++) part = `${base}-${k}`;
    taken.add(part);
    parts.set(level, part);
  }
  return parts;
}
