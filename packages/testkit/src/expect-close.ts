import assert from 'node:assert/strict';

/**
 * Asserts |actual - expected| <= tol (absolute), or for arrays element-wise, with a message that
 * names the index and both values. NaN equals only NaN.
 *
 * @example expectClose(0.1 + 0.2, 0.3, 1e-12) // passes
 */
export function expectClose(actual: number | ArrayLike<number>, expected: number | ArrayLike<number>, tol = 1e-9, what = 'value'): void {
  if (typeof actual === 'number' || typeof expected === 'number') {
    assert.equal(typeof actual, 'number', `${what}: expected a number, received an array`);
    assert.equal(typeof expected, 'number', `${what}: expected an array, received a number`);
    checkOne(actual as number, expected as number, tol, what);
    return;
  }
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} != expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) checkOne(actual[i]!, expected[i]!, tol, `${what}[${i}]`);
}

function checkOne(actual: number, expected: number, tol: number, what: string): void {
  if (Number.isNaN(expected) || Number.isNaN(actual)) {
    assert.ok(Number.isNaN(expected) && Number.isNaN(actual), `${what}: ${actual} != expected ${expected}`);
    return;
  }
  if (actual === expected) return;
  const diff = Math.abs(actual - expected);
  assert.ok(diff <= tol, `${what}: ${actual} != expected ${expected} (|diff| ${diff.toExponential(2)} > tol ${tol})`);
}
