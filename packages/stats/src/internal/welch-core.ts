import { StatsDegenerateError } from '../errors.ts';
import type { GroupSummary, WelchOptions, WelchResult } from '../types.ts';
import { checkAlpha, checkGroup } from './check-group.ts';
import { studentTQuantile, studentTTwoSidedP } from './student-t.ts';
import { welchSpread } from './welch-spread.ts';

/** The Welch computation shared by welchFromSummary and welchTTest; `fn` names the caller. */
export function welchCore(fn: string, a: GroupSummary, b: GroupSummary, options: WelchOptions): WelchResult {
  checkGroup(fn, 'a', a);
  checkGroup(fn, 'b', b);
  const alpha = checkAlpha(fn, options.alpha);
  const { se, df } = welchSpread(a, b);
  // se, not the sds: sds below ~1e-154 square to 0 as well.
  if (se === 0) {
    throw new StatsDegenerateError(fn, `both groups have zero variance (means ${a.mean} and ${b.mean}); the t statistic is undefined`);
  }
  const meanDiff = a.mean - b.mean;
  const t = meanDiff / se;
  const tCritical = studentTQuantile(1 - alpha / 2, df);
  const t95 = alpha === 0.05 ? tCritical : studentTQuantile(0.975, df);
  return {
    t,
    df,
    tCritical,
    p: studentTTwoSidedP(t, df),
    significant: Math.abs(t) > tCritical,
    alpha,
    meanDiff,
    se,
    ci95: [meanDiff - t95 * se, meanDiff + t95 * se],
    ci: [meanDiff - tCritical * se, meanDiff + tCritical * se],
  };
}
