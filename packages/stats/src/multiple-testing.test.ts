import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { benjaminiHochberg } from './benjamini-hochberg.ts';
import { holm } from './holm.ts';

// statsmodels 0.13.5 multipletests(method='holm' | 'fdr_bh'); one family is the 18 thesis p-values.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/multiple-testing.json', import.meta.url), 'utf8')) as {
  versions: { statsmodels: string };
  families: { p: number[]; holm: number[]; benjaminiHochberg: number[] }[];
};

describe('holm / benjaminiHochberg against statsmodels', () => {
  test('provenance', () => assert.match(fixture.versions.statsmodels, /^0\.13\.5/));
  for (const [i, f] of fixture.families.entries()) {
    test(`family ${i} (m = ${f.p.length})`, () => {
      expectClose(holm(f.p), f.holm, 1e-12, 'holm');
      expectClose(benjaminiHochberg(f.p), f.benjaminiHochberg, 1e-12, 'fdr_bh');
    });
  }
  test('doc examples, input order kept, inputs untouched', () => {
    const p = [0.01, 0.04, 0.03, 0.005];
    expectClose(holm(p), [0.03, 0.06, 0.06, 0.02], 1e-15);
    expectClose(benjaminiHochberg(p), [0.02, 0.04, 0.04, 0.02], 1e-15);
    assert.deepEqual(p, [0.01, 0.04, 0.03, 0.005]);
  });
  test('empty and single families', () => {
    assert.deepEqual(holm([]), []);
    assert.deepEqual(benjaminiHochberg([0.3]), [0.3]);
  });
  test('errors name the function and the offending value', () => {
    const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    assert.throws(() => holm([0.1, Number.NaN]), arg(/^holm\(pValues\): expected numbers in \[0, 1\], received NaN at index 1$/));
    assert.throws(
      () => benjaminiHochberg([1.2]),
      arg(/^benjaminiHochberg\(pValues\): expected numbers in \[0, 1\], received 1.2 at index 0$/),
    );
    assert.throws(() => holm(0.05 as unknown as number[]), arg(/^holm\(pValues\): expected an array of p-values, received 0.05$/));
  });
});
