import jStat from 'jstat';

/**
 * Student-t helpers on top of jstat. jstat's inverse is good to ~1e-8; one Newton step on its
 * own cdf brings the quantile to the cdf's precision (scipy agreement ~1e-12 on the thesis cases).
 */
export function studentTQuantile(p: number, df: number): number {
  let t = jStat.studentt.inv(p, df);
  const slope = jStat.studentt.pdf(t, df);
  if (slope > 0) t -= (jStat.studentt.cdf(t, df) - p) / slope;
  return t;
}

/** Two-sided p-value 2 P(T > |t|), computed in the lower tail to keep precision for large |t|. */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
}
