import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRng } from '../../random/index.ts';
import type { CxrRecord } from '../../records.ts';
import { iterativeStratification } from './iterative-stratification.ts';
import { splitByPatient } from './split-by-patient.ts';

/**
 * A synthetic cohort: `patients` patients with 1-4 images each and K = 5 labels whose prevalence
 * falls from common (0.4) to rare (label 4: exactly 4 positive patients).
 */
function cohort(patients: number, seed = 7): CxrRecord[] {
  const rng = createRng(seed, 'cohort');
  const prevalence = [0.4, 0.2, 0.1, 0.03];
  const records: CxrRecord[] = [];
  for (let p = 0; p < patients; p++) {
    const n = 1 + rng.int(4);
    const rare = p % Math.floor(patients / 4) === 0;
    for (let i = 0; i < n; i++) {
      const labels = new Float32Array(5);
      prevalence.forEach((q, l) => (labels[l] = rng.next() < q ? 1 : 0));
      if (rare && i === 0) labels[4] = 1;
      records.push({ imageId: `p${p}-${i}`, patientId: `p${p}`, view: 'PA', path: `/x/p${p}-${i}.png`, labels });
    }
  }
  return records;
}

function patientsOf(records: CxrRecord[], idx: number[]): Set<string> {
  return new Set(idx.map((i) => records[i]!.patientId));
}

function assertPartition(records: CxrRecord[], s: { train: number[]; val: number[]; test: number[] }): void {
  const all = [...s.train, ...s.val, ...s.test].sort((a, b) => a - b);
  assert.deepEqual(
    all,
    records.map((_, i) => i),
    'every record in exactly one split',
  );
  const [tr, va, te] = [patientsOf(records, s.train), patientsOf(records, s.val), patientsOf(records, s.test)];
  for (const p of tr) assert.ok(!va.has(p) && !te.has(p), `patient ${p} leaks out of train`);
  for (const p of va) assert.ok(!te.has(p), `patient ${p} is in val and test`);
}

describe('splitByPatient', () => {
  const records = cohort(400);

  test('no patient is in two splits, stratified or not', () => {
    for (const stratify of [true, false])
      for (const seed of [1, 2, 3]) assertPartition(records, splitByPatient(records, { seed, stratify }));
  });

  test('sizes follow the fractions (in images) and the same seed gives the same split', () => {
    const s = splitByPatient(records, { seed: 11 });
    const n = records.length;
    // a patient has at most 4 images, so each split can miss its target by a few images
    assert.ok(Math.abs(s.train.length - 0.7 * n) <= 8, `train ${s.train.length} of ${n}`);
    assert.ok(Math.abs(s.val.length - 0.1 * n) <= 8, `val ${s.val.length} of ${n}`);
    assert.ok(Math.abs(s.test.length - 0.2 * n) <= 8, `test ${s.test.length} of ${n}`);
    assert.deepEqual(splitByPatient(records, { seed: 11 }), s);
    assert.notDeepEqual(splitByPatient(records, { seed: 12 }), s);
  });

  test('stratification keeps prevalences close and puts the rare label in every split', () => {
    const prevalence = (idx: number[], l: number) => idx.filter((i) => records[i]!.labels[l] === 1).length / idx.length;
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = splitByPatient(records, { seed });
      for (const part of [s.train, s.val, s.test]) {
        assert.ok(
          part.some((i) => records[i]!.labels[4] === 1),
          `seed ${seed}: rare label missing from a split`,
        );
        for (let l = 0; l < 3; l++) {
          assert.ok(
            Math.abs(
              prevalence(part, l) -
                prevalence(
                  records.map((_, i) => i),
                  l,
                ),
            ) < 0.05,
            `seed ${seed}, label ${l}`,
          );
        }
      }
    }
  });

  test('an official test list becomes the test split, whole patients included', () => {
    // p0-0 is listed; p0's other images must follow it so the patient does not leak
    const s = splitByPatient(records, { seed: 1, officialTest: ['p0-0', 'p5-0', 'not-a-record'] });
    assertPartition(records, s);
    assert.deepEqual([...patientsOf(records, s.test)].sort(), ['p0', 'p5']);
    assert.ok(s.val.length > 0 && s.train.length > 7 * s.val.length - 40);
  });

  test('bad arguments throw naming what was expected', () => {
    assert.throws(() => splitByPatient(records, { seed: 1.5 }), {
      message: 'splitByPatient(opts.seed): expected an integer, received 1.5',
    });
    assert.throws(() => splitByPatient(records, { seed: 1, fractions: { train: 0.5, val: 0.1, test: 0.1 } }), {
      message: 'splitByPatient(opts.fractions): expected train, val and test >= 0 summing to 1, received "0.5/0.1/0.1"',
    });
    assert.throws(() => splitByPatient(records, { seed: 1, fractions: { train: 0, val: 0.5, test: 0.5 } }), {
      message: 'splitByPatient(opts.fractions.train): expected a fraction > 0, received 0',
    });
    const odd = [...records.slice(0, 2), { ...records[2]!, labels: new Float32Array(3) }];
    assert.throws(() => splitByPatient(odd, { seed: 1 }), {
      message: 'splitByPatient(records[2].labels): expected length 5 like records[0], received a Float32Array of length 3',
    });
  });

  test('an empty record list splits into three empty lists', () => {
    assert.deepEqual(splitByPatient([], { seed: 1 }), { train: [], val: [], test: [] });
  });
});

describe('iterativeStratification', () => {
  test('three examples of a label go one to each of three subsets', () => {
    const ex = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0].map((p) => ({ weight: 1, positives: [p] }));
    const where = iterativeStratification(ex, [0.7, 0.1, 0.2], createRng(3, 'split'));
    assert.deepEqual([...where.slice(0, 3)].sort(), [0, 1, 2]);
    assert.deepEqual(
      [0, 1, 2].map((s) => where.filter((w) => w === s).length),
      [7, 1, 2],
    );
  });

  test('a subset with ratio 0 receives nothing', () => {
    const ex = Array.from({ length: 20 }, (_, i) => ({ weight: 1, positives: [i % 2] }));
    assert.ok(!iterativeStratification(ex, [0.5, 0.5, 0], createRng(1, 'split')).includes(2));
  });

  test('bad ratios and mismatched label counts throw', () => {
    const rng = createRng(1, 'split');
    assert.throws(() => iterativeStratification([], [0, 0], rng), {
      message: 'iterativeStratification(ratios): expected non-negative finite numbers with a positive sum, received an array of length 2',
    });
    assert.throws(
      () =>
        iterativeStratification(
          [
            { weight: 1, positives: [1] },
            { weight: 1, positives: [] },
          ],
          [1],
          rng,
        ),
      {
        message: 'iterativeStratification(examples[1].positives): expected length 1 like examples[0], received 0',
      },
    );
  });
});
