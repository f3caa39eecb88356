import { StatsArgumentError, StatsDegenerateError } from '../errors.ts';
import type { GroupSpread } from '../types.ts';
import { noncentralTCdf } from './noncentral-t.ts';
import { studentTQuantile } from './student-t.ts';
import { welchSpread } from './welch-spread.ts';

/** welchPower on checked input (shared with the detectable-difference and sample-size searches); `fn` names the caller. */
export function welchPowerCore(fn: string, a: GroupSpread, b: GroupSpread, difference: number, alpha: number): number {
  const { se, df } = welchSpread(a, b);
  if (se === 0)
    throw new StatsDegenerateError(fn, `both groups have zero variance (sd a = ${a.sd}, sd b = ${b.sd}); the power is undefined`);
  const tCritical = studentTQuantile(1 - alpha / 2, df);
  const ncp = difference / se;
  const power = 1 - noncentralTCdf(tCritical, df, ncp) + noncentralTCdf(-tCritical, df, ncp);
  return Math.min(1, Math.max(0, power));
}

/** Throws unless options.power is undefined or in (alpha, 1); returns it with the default 0.8. */
export function checkTargetPower(fn: string, power: unknown, alpha: number): number {
  const value = power ?? 0.8;
  if (typeof value !== 'number' || !(value > alpha && value < 1)) {
    throw new StatsArgumentError(
      fn,
      'options.power',
      `a number in (alpha, 1) = (${alpha}, 1), since the power at difference 0 is alpha`,
      power,
    );
  }
  return value;
}
