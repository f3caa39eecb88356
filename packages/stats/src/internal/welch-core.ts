import { StatsArgumentError, StatsDegenerateError } from '../errors.ts';
import type { GroupSummary, WelchOptions, WelchResult } from '../types.ts';
import { studentTQuantile, studentTTwoSidedP } from './student-t.ts';

/** The Welch computation shared by welchFromSummary and welchTTest; `fn` names the caller. */
export function welchCore(fn: string, a: GroupSummary, b: GroupSummary, options: WelchOptions): WelchResult {
  checkGroup(fn, 'a', a);
  checkGroup(fn, 'b', b);
  const alpha = options.alpha ?? 0.05;
  if (typeof alpha !== 'number' || !(alpha > 0 && alpha < 1)) {
    throw new StatsArgumentError(fn, 'options.alpha', 'a number in (0, 1)', alpha);
  }
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  if (va + vb === 0) {
    throw new StatsDegenerateError(fn, `both groups have zero variance (means ${a.mean} and ${b.mean}); the t statistic is undefined`);
  }
  const se = Math.sqrt(va + vb);
  const meanDiff = a.mean - b.mean;
  const t = meanDiff / se;
  const df = ((va + vb) * (va + vb)) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
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

function checkGroup(fn: string, arg: string, g: unknown): void {
  if (typeof g !== 'object' || g === null) throw new StatsArgumentError(fn, arg, 'an object { mean, sd, n }', g);
  const { mean, sd, n } = g as Partial<GroupSummary>;
  if (typeof mean !== 'number' || !Number.isFinite(mean)) throw new StatsArgumentError(fn, `${arg}.mean`, 'a finite number', mean);
  if (typeof sd !== 'number' || !Number.isFinite(sd) || sd < 0) throw new StatsArgumentError(fn, `${arg}.sd`, 'a finite number >= 0', sd);
  if (!Number.isInteger(n) || n! < 2) throw new StatsArgumentError(fn, `${arg}.n`, 'an integer >= 2 (a variance needs two values)', n);
}
