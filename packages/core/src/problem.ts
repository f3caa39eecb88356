/**
 * A recoverable problem: something wrong with the input that was counted and skipped rather than
 * allowed to stop the work (a malformed CSV row, a missing or undecodable image). One record shape
 * flows from the adapters and the image decoder through the run into results.db.
 */
export interface Problem {
  /** What found it: 'padchest', 'nih', 'chexpert', 'image', ... */
  source?: string;
  /** A short machine-readable kind for counting: 'missing-image', 'malformed-row', ... */
  kind?: string;
  file: string;
  /** 1-based line in `file` (a CSV header is line 1). */
  line?: number;
  field?: string;
  message: string;
}

/** Where recoverable problems go: passed in by the caller, never a module singleton. */
export interface ProblemSink {
  add(problem: Problem): void;
}

/**
 * A sink that keeps every problem in order.
 *
 * @example const sink = collectProblems(); sink.add({ file: 'a.csv', line: 3, message: 'x' }); sink.problems.length // 1
 */
export function collectProblems(): ProblemSink & { readonly problems: Problem[] } {
  const problems: Problem[] = [];
  return { problems, add: (p) => void problems.push(p) };
}

/**
 * Counts problems by kind (a problem without a kind counts as 'other'), most frequent first.
 *
 * @example countProblems([{ kind: 'a', file: 'f', message: '' }]) // [['a', 1]]
 */
export function countProblems(problems: readonly Problem[]): [kind: string, count: number][] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.kind ?? 'other', (counts.get(p.kind ?? 'other') ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
