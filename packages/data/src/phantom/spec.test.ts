import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectClose } from '@cxr/testkit';
import { baseRate, DEFAULT_PHANTOM_SPEC, mergePhantomSpec, PHANTOM_LABELS, validatePhantomSpec } from './spec.ts';

describe('phantom spec', () => {
  test('the defaults are valid and cover the ten thesis labels with PadChest-like prevalences', () => {
    assert.equal(validatePhantomSpec(DEFAULT_PHANTOM_SPEC), DEFAULT_PHANTOM_SPEC);
    assert.equal(PHANTOM_LABELS.length, 10);
    const p = DEFAULT_PHANTOM_SPEC.prevalence;
    // Issue 5: about 9 % cardiomegaly down to about 2 % for the rarest.
    assert.equal(Math.max(...Object.values(p)), p.cardiomegaly);
    assert.equal(Math.min(...Object.values(p)), 0.02);
  });

  test('baseRate compensates co-occurrence so the marginal equals the configured prevalence', () => {
    const spec = DEFAULT_PHANTOM_SPEC;
    const b = baseRate(spec, 'costophrenic angle blunting');
    // P(blunting) = 1 - (1 - b)(1 - P(effusion) * q) must give back the configured 0.04.
    expectClose(1 - (1 - b) * (1 - 0.03 * 0.5), 0.04, 1e-12, 'marginal of blunting');
    expectClose(baseRate(spec, 'cardiomegaly'), 0.09, 1e-12, 'a label no rule adds to');
  });

  test('mergePhantomSpec merges records per key', () => {
    const s = mergePhantomSpec({ prevalence: { ...DEFAULT_PHANTOM_SPEC.prevalence, scoliosis: 0.1 } });
    assert.equal(s.prevalence.scoliosis, 0.1);
    assert.equal(s.prevalence.cardiomegaly, 0.09);
    assert.deepEqual(s.labelNoise, DEFAULT_PHANTOM_SPEC.labelNoise);
  });

  test('validatePhantomSpec names the field, what was expected and what arrived', () => {
    const bad = (over: object) => () => validatePhantomSpec({ ...DEFAULT_PHANTOM_SPEC, ...over } as never);
    assert.throws(bad({ prevalence: { ...DEFAULT_PHANTOM_SPEC.prevalence, scoliosis: 1.5 } }), {
      name: 'DataArgumentError',
      message: "validatePhantomSpec(spec.prevalence['scoliosis']): expected a probability in [0, 1], received 1.5",
    });
    assert.throws(
      bad({ prevalence: { ...DEFAULT_PHANTOM_SPEC.prevalence, pneumonia: 0.1 } }),
      /spec\.prevalence\): expected labels among \[cardiomegaly, .*received "pneumonia"/,
    );
    assert.throws(
      bad({ cooccurrence: [{ given: 'cardiomegaly', then: 'nodule', probability: 0.1 }] }),
      /spec\.cooccurrence\[0\]\.then\): expected a label among/,
    );
    assert.throws(
      bad({
        cooccurrence: [
          { given: 'cardiomegaly', then: 'aortic elongation', probability: 0.3 },
          { given: 'aortic elongation', then: 'scoliosis', probability: 0.1 },
        ],
      }),
      /spec\.cooccurrence\[0\]\.then\): expected a label that is not also a given, received "aortic elongation"/,
    );
    assert.throws(bad({ cooccurrence: [{ given: 'cardiomegaly', then: 'laminar atelectasis', probability: 0.9 }] }), {
      message:
        "validatePhantomSpec(spec.prevalence['laminar atelectasis']): expected at least 0.0810 (implied by its co-occurrence rules), received 0.02",
    });
    assert.throws(
      bad({ severity: { min: 0.8, max: 0.2, alpha: 1, beta: 1 } }),
      /spec\.severity\.min\/max\): expected 0 <= min <= max <= 1, received "0.8\.\.0.2"/,
    );
    assert.throws(bad({ severity: { min: 0, max: 1, alpha: 0, beta: 1 } }), /spec\.severity\.alpha\/beta\): expected numbers > 0/);
    assert.throws(
      bad({ severityOverrides: { nodule: { min: 0, max: 1, alpha: 1, beta: 1 } } }),
      /spec\.severityOverrides\): expected labels among/,
    );
    assert.throws(
      bad({ labelNoise: { missRate: -0.1, spuriousRate: 0 } }),
      /spec\.labelNoise\.missRate\): expected a probability in \[0, 1\], received -0\.1/,
    );
    assert.throws(
      bad({ studiesPerPatient: [] }),
      /spec\.studiesPerPatient\): expected non-negative weights, at least one positive, received an array of length 0/,
    );
    assert.throws(bad({ lateralPerStudy: 2 }), /spec\.lateralPerStudy\)/);
    assert.throws(bad({ imagesPerDir: 0 }), /spec\.imagesPerDir\): expected an integer >= 1, received 0/);
  });
});
