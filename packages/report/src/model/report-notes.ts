/** The plain-language caveats under a report: how to read the tests and what the data lacks. */
import type { ComparisonRow, LevelRow, PublishedComparison, ReportHeader } from '../report-types.ts';
import type { ExpandedComparisons } from './expand-comparisons.ts';
import type { ExcludedRuns } from './select-level-runs.ts';
import { TARGET_POWER } from './welch-comparison.ts';

export interface NotesInput {
  alpha: number;
  correction: 'holm' | 'bh';
  header: ReportHeader;
  levels: readonly LevelRow[];
  comparisons: readonly ComparisonRow[];
  expanded: ExpandedComparisons;
  excluded: ExcludedRuns;
  unmatchedPublished: readonly PublishedComparison[];
  undirectedPublished: readonly PublishedComparison[];
}

/**
 * The notes of a report, in a fixed order: why Welch and not a rank test (with three seeds per arm
 * Mann-Whitney cannot reach p < 0.05), what the family correction covers, what the minimum
 * detectable difference means; then what this experiment's data lacks - unfinished runs, levels
 * with too few done runs, runs left out (other configs under a label, other datasets), comparisons
 * planned twice or not rankable, published comparisons with nothing to compare to.
 *
 * @example reportNotes(input)[0] // 'Why Welch's t-test: with three seeds per arm a rank test ...'
 */
export function reportNotes(input: NotesInput): string[] {
  const { alpha, correction, header, levels, comparisons, expanded, excluded } = input;
  const notes = [
    "Why Welch's t-test: with three seeds per arm a rank test cannot reach p < 0.05. Mann-Whitney's U only sees the order of the six values, " +
      'and of the C(6,3) = 20 equally likely orderings the most extreme two give the smallest two-sided exact p, 2/20 = 0.1, whatever the differences. ' +
      "Welch's two-sided t-test uses the values themselves and does not assume equal variances, so three seeds can show a consistent difference; " +
      'it assumes each arm is roughly normal, which three values cannot check.',
    correctionNote(correction, alpha, comparisons.filter((c) => c.notComputable === null).length),
    `Minimum detectable difference: the smallest true difference of means this design (the observed sds and seed counts, two-sided alpha = ${alpha}) ` +
      `would find significant with probability ${TARGET_POWER} (power). A non-significant difference below it is not evidence of no effect; the design cannot see it. ` +
      `Seeds needed: the seeds per arm with which the observed difference would be detected with power ${TARGET_POWER} (none when it is 0 or out of reach).`,
  ];
  const r = header.runs;
  const total = r.done + r.running + r.pending + r.failed;
  if (r.done < total || r.done < header.planned) {
    notes.push(
      `Computed from done runs only: ${r.done} done, ${r.running} running, ${r.pending} pending, ${r.failed} failed of ${header.planned} planned; the numbers change as runs finish.`,
    );
  }
  for (const level of levels) {
    if (level.seedsDone === 0) notes.push(`'${level.label}' has no done run yet: its row is empty and its comparisons are not computable.`);
    else if (level.seedsDone === 1) notes.push(`'${level.label}' has one done run: it has no sd and cannot be tested.`);
  }
  for (const c of excluded.otherConfigs) {
    notes.push(
      `'${c.label}' also names an earlier config (${c.configHash.slice(0, 12)}, ${c.runs} run${c.runs === 1 ? '' : 's'}); the table uses the latest config registered under that label.`,
    );
  }
  if (excluded.otherFingerprints.length > 0) {
    const list = excluded.otherFingerprints.map((f) => `${f.fingerprint} (${f.runs} run${f.runs === 1 ? '' : 's'})`).join(', ');
    notes.push(`Runs on other datasets are left out, since numbers from two datasets are not one comparison: ${list}.`);
  }
  for (const d of expanded.duplicates) notes.push(`'${d.a}' vs '${d.b}' on ${d.metric} was planned twice; it is tested once.`);
  for (const m of expanded.unranked) notes.push(`Best vs next on ${m}: fewer than two levels have two done runs to rank.`);
  for (const p of input.unmatchedPublished)
    notes.push(`The published comparison '${p.a}' vs '${p.b}' on ${p.metric} matches no planned comparison.`);
  for (const p of input.undirectedPublished) {
    notes.push(
      `The published comparison '${p.a}' vs '${p.b}' on ${p.metric} lacks published level means, so its direction (and agreement) is unknown.`,
    );
  }
  return notes;
}

function correctionNote(correction: 'holm' | 'bh', alpha: number, family: number): string {
  const family_ = `the ${family} computable comparison${family === 1 ? '' : 's'} of this experiment (every metric x every planned comparison is one family)`;
  return correction === 'holm'
    ? `p_adj: Holm's step-down correction over ${family_}, so the chance of any false positive among them stays below alpha = ${alpha}; significant means p_adj < alpha.`
    : `p_adj: Benjamini-Hochberg's correction over ${family_}, so the expected share of false positives among the significant ones stays below alpha = ${alpha}; significant means p_adj < alpha.`;
}
