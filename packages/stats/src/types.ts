/** Shared shapes of @cxr/stats inputs and results. */

/**
 * An N x K matrix stored row-major: `data[n * cols + k]` is image n, label k. Used for ground
 * truth (0/1), scores/probabilities and binary predictions alike.
 */
export interface LabelMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: ArrayLike<number>;
}

/** Counts of a 2 x 2 confusion matrix (positive = predicted score >= threshold). */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/**
 * A recoverable problem: why a metric came out NaN (a label without positives, say). Functions
 * accept an optional `problems` array and push onto it instead of logging or throwing.
 */
export interface StatsProblem {
  fn: string;
  /** 0-based label index, for multi-label functions. */
  label?: number;
  reason: string;
}

/** A macro average that skipped labels where the per-label metric is undefined. */
export interface MacroAverage {
  /** Mean over the labels with a defined value; NaN only when every label was skipped. */
  macro: number;
  /** One value per label (NaN where undefined). */
  perLabel: number[];
  /** How many labels were left out of `macro`. */
  skipped: number;
  /** Why each skipped label was left out. */
  skippedLabels: { label: number; reason: string }[];
}

/** One group's summary: mean, sample standard deviation (n - 1 denominator) and size. */
export interface GroupSummary {
  mean: number;
  sd: number;
  n: number;
}

/** The spread of one group, all a power or sample-size computation needs: sample sd (n - 1) and size. */
export type GroupSpread = Pick<GroupSummary, 'sd' | 'n'>;

/** Result of a two-sided Welch test of mean(a) = mean(b). */
export interface WelchResult {
  /** (mean_a - mean_b) / se. */
  t: number;
  /** Welch-Satterthwaite degrees of freedom (thesis eq. 21, general n). */
  df: number;
  /** t_{1 - alpha/2, df}. */
  tCritical: number;
  /** Two-sided p = 2 P(T > |t|). */
  p: number;
  /** |t| > tCritical (equivalently p < alpha). */
  significant: boolean;
  alpha: number;
  meanDiff: number;
  /** sqrt(s_a^2 / n_a + s_b^2 / n_b) (thesis eq. 20). */
  se: number;
  /** 95 % confidence interval of mean_a - mean_b: meanDiff -+ t_{0.975, df} se. */
  ci95: [number, number];
  /**
   * (1 - alpha) two-sided confidence interval of mean_a - mean_b: meanDiff -+ tCritical se. It
   * excludes 0 exactly when the test is significant; equals ci95 at the default alpha 0.05.
   */
  ci: [number, number];
}

/** Options of the Welch tests. */
export interface WelchOptions {
  /** Two-sided significance level (default 0.05). */
  alpha?: number;
}

/**
 * A point of a ROC curve (x = FPR, y = TPR) or a PR curve (x = recall, y = precision) and the
 * score threshold giving it (everything scoring >= threshold called positive; +Infinity: nothing).
 */
export interface CurvePointLike {
  x: number;
  y: number;
  threshold: number;
}
