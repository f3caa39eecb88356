/** Whether our conclusion on a comparison agrees with the thesis'. */
import type { ComparisonRow, LevelRow, PublishedComparison } from '../report-types.ts';

/**
 * Attaches to each row the published comparison of the same two levels and metric (either order)
 * and, when the row was computed, the agreement: sameDirection = the sign of our difference equals
 * that of the published level means (a - b in the row's orientation; the published |t| has no
 * sign), sameVerdict = (published p < alpha) equals our `significant` (after the family
 * correction; the thesis corrected nothing, so a difference it called significant can lose that
 * here). Without both published level means the direction is unknown and agreement stays null.
 *
 * @returns the rows with `published` and `agreement` set, and the published comparisons no row matched.
 */
export function attachPublished(
  rows: readonly ComparisonRow[],
  published: readonly PublishedComparison[],
  levels: readonly LevelRow[],
  alpha: number,
): { rows: ComparisonRow[]; unmatched: PublishedComparison[]; undirected: PublishedComparison[] } {
  const used = new Set<PublishedComparison>();
  const undirected = new Set<PublishedComparison>();
  const out = rows.map((row) => {
    const match = published.find((p) => p.metric === row.metric && ((p.a === row.a && p.b === row.b) || (p.a === row.b && p.b === row.a)));
    if (!match) return row;
    used.add(match);
    if (row.notComputable !== null) return { ...row, published: match };
    const meanOf = (label: string) => levels.find((l) => l.label === label)?.published?.[row.metric]?.mean;
    const [pa, pb] = [meanOf(row.a), meanOf(row.b)];
    if (pa === undefined || pb === undefined) {
      undirected.add(match);
      return { ...row, published: match };
    }
    return {
      ...row,
      published: match,
      agreement: { sameDirection: Math.sign(pa - pb) === Math.sign(row.difference), sameVerdict: match.p < alpha === row.significant },
    };
  });
  return { rows: out, unmatched: published.filter((p) => !used.has(p)), undirected: [...undirected] };
}
