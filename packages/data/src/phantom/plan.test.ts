import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { planPhantomDataset } from './plan.ts';
import { DEFAULT_PHANTOM_SPEC, PHANTOM_LABELS } from './spec.ts';

// Planning is cheap (no rendering), so prevalences are checked on a large plan.
const big = planPhantomDataset({ images: 20000, seed: 7, spec: DEFAULT_PHANTOM_SPEC });
const frontal = big.rows.filter((r) => r.projection !== 'L');

describe('planPhantomDataset', () => {
  test('is deterministic in its seed and changes with it', () => {
    const a = planPhantomDataset({ images: 200, seed: 3, spec: DEFAULT_PHANTOM_SPEC });
    const b = planPhantomDataset({ images: 200, seed: 3, spec: DEFAULT_PHANTOM_SPEC });
    const c = planPhantomDataset({ images: 200, seed: 4, spec: DEFAULT_PHANTOM_SPEC });
    assert.deepEqual(a, b);
    assert.notDeepEqual(
      a.rows.map((r) => r.imageId),
      c.rows.map((r) => r.imageId),
    );
  });

  test('true prevalences match the spec within 4 binomial standard errors (patients cluster, so generous)', () => {
    for (const label of PHANTOM_LABELS) {
      const p = DEFAULT_PHANTOM_SPEC.prevalence[label];
      const observed = frontal.filter((r) => r.truth.includes(label)).length / frontal.length;
      const se = Math.sqrt((p * (1 - p)) / frontal.length) * 2; // x2: follow-ups of a patient are correlated
      assert.ok(Math.abs(observed - p) < 4 * se, `${label}: true prevalence ${observed.toFixed(4)} vs configured ${p}`);
    }
  });

  test('written labels carry the configured noise: p(1 - miss) + (1 - p) spurious', () => {
    const { missRate, spuriousRate } = DEFAULT_PHANTOM_SPEC.labelNoise;
    for (const label of PHANTOM_LABELS) {
      const p = DEFAULT_PHANTOM_SPEC.prevalence[label];
      const expected = p * (1 - missRate) + (1 - p) * spuriousRate;
      const observed = frontal.filter((r) => r.labels.includes(label)).length / frontal.length;
      const se = Math.sqrt((expected * (1 - expected)) / frontal.length) * 2;
      assert.ok(Math.abs(observed - expected) < 4 * se, `${label}: written ${observed.toFixed(4)} vs expected ${expected.toFixed(4)}`);
    }
    const missed = frontal.filter((r) => r.truth.includes('cardiomegaly') && !r.labels.includes('cardiomegaly')).length;
    assert.ok(missed > 0, 'some true findings are missing from the labels');
    assert.ok(frontal.some((r) => r.labels[0] === 'normal' && r.labels.length === 1));
  });

  test('co-occurrence: effusion comes with blunting and cardiomegaly with aortic elongation more often than chance', () => {
    const rate = (given: string, then: string) => {
      const g = frontal.filter((r) => r.truth.includes(given as never));
      return g.filter((r) => r.truth.includes(then as never)).length / g.length;
    };
    assert.ok(rate('pleural effusion', 'costophrenic angle blunting') > 0.4);
    assert.ok(rate('cardiomegaly', 'aortic elongation') > 0.25);
    assert.ok(rate('air trapping', 'cardiomegaly') < 0.2);
  });

  test('projection mix: mostly PA, about 1/6 lateral, a few AP', () => {
    const count = (p: string) => big.rows.filter((r) => r.projection === p).length / big.rows.length;
    // lateralPerStudy 0.2 -> L share 0.2 / 1.2; AP 4 % of the frontal images.
    assert.ok(Math.abs(count('L') - 0.2 / 1.2) < 0.015, `L share ${count('L')}`);
    assert.ok(Math.abs(count('AP') - 0.04 / 1.2) < 0.008, `AP share ${count('AP')}`);
    assert.ok(count('PA') > 0.75);
  });

  test('patients: follow-ups share anatomy, sex, birth year; studies share labels; dates advance', () => {
    const byPatient = new Map<string, typeof big.rows>();
    for (const r of big.rows) byPatient.set(r.patientId, [...(byPatient.get(r.patientId) ?? []), r]);
    assert.equal(byPatient.size, big.patients);
    const multi = [...byPatient.values()].filter((rs) => new Set(rs.map((r) => r.studyId)).size > 1);
    assert.ok(multi.length > big.patients * 0.3, `${multi.length} of ${big.patients} patients have follow-ups`);
    for (const rs of multi.slice(0, 200)) {
      for (const r of rs) {
        assert.deepEqual(r.params.anatomy, rs[0]!.params.anatomy);
        assert.equal(r.sex, rs[0]!.sex);
        assert.equal(r.birthYear, rs[0]!.birthYear);
      }
      const dates = [...rs].sort((a, b) => a.followUp - b.followUp).map((r) => r.studyDate);
      assert.deepEqual(dates, [...dates].sort());
    }
    for (const rs of [...byPatient.values()].slice(0, 500)) {
      const studies = new Map<string, (typeof rs)[number]>();
      for (const r of rs) {
        const first = studies.get(r.studyId);
        if (first) assert.deepEqual(r.labels, first.labels, 'a lateral row has its study report labels');
        else studies.set(r.studyId, r);
      }
    }
    // Different patients differ in anatomy.
    const [p1, p2] = [...byPatient.values()];
    assert.notDeepEqual(p1![0]!.params.anatomy, p2![0]!.params.anatomy);
  });

  test("'unchanged' is true only for follow-up studies", () => {
    assert.ok(big.rows.some((r) => r.truth.includes('unchanged')));
    assert.ok(big.rows.filter((r) => r.truth.includes('unchanged')).every((r) => r.followUp > 0));
  });

  test('rows are spread over numbered ImageDir folders and image ids are unique', () => {
    assert.deepEqual(
      [...new Set(big.rows.map((r) => r.imageDir))],
      Array.from({ length: 20 }, (_, i) => String(i)),
    );
    assert.equal(new Set(big.rows.map((r) => r.imageId)).size, big.rows.length);
    assert.match(big.rows[0]!.imageId, /^\d{38}_[a-z]{6}\.png$/);
    assert.match(big.rows[0]!.studyDate, /^20(09|1\d)\d{4}$/);
  });

  test('a different stream gives different patients', () => {
    const a = planPhantomDataset({ images: 50, seed: 0, spec: DEFAULT_PHANTOM_SPEC });
    const b = planPhantomDataset({ images: 50, seed: 0, spec: DEFAULT_PHANTOM_SPEC, stream: 'phantom-source' });
    const ids = new Set(a.rows.map((r) => r.patientId));
    assert.ok(b.rows.every((r) => !ids.has(r.patientId)));
  });

  test('bad arguments are named', () => {
    assert.throws(() => planPhantomDataset({ images: 0, seed: 0, spec: DEFAULT_PHANTOM_SPEC }), {
      message: 'planPhantomDataset(images): expected an integer >= 1, received 0',
    });
    assert.throws(() => planPhantomDataset({ images: 5, seed: -1, spec: DEFAULT_PHANTOM_SPEC }), {
      message: 'planPhantomDataset(seed): expected a non-negative safe integer, received -1',
    });
  });
});
