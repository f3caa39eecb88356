import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { patientInputsFor } from './patient-inputs.ts';

const inputs = ['age', 'sex', 'view'];

describe('patientInputsFor (cxr predict with patient data)', () => {
  test('--age --sex --view apply to every image; a CSV gives each image its row', () => {
    const flags = patientInputsFor(['a.png', 'b.png'], inputs, { age: 60, sex: 'F', view: 'PA' })!;
    assert.equal(flags.length, 2);
    expectClose(Array.from(flags[1]!), [0.6, 1, 0], 1e-6);
    const dir = mkdtempSync(join(tmpdir(), 'cxr-patient-'));
    const csv = join(dir, 'patients.csv');
    writeFileSync(csv, 'image,age,sex,view\nb.png,30,M,AP\na.png,,F,PA\n');
    const rows = patientInputsFor(['scans/a.png', 'scans/b.png'], inputs, { patientCsv: csv })!;
    expectClose(Array.from(rows[0]!), [0.5, 1, 0], 1e-6);
    expectClose(Array.from(rows[1]!), [0.3, 0, 1], 1e-6);
    assert.throws(() => patientInputsFor(['c.png'], inputs, { patientCsv: csv }), /--patient-csv .*: no row with image "c.png"/);
  });

  test('image-only runs refuse patient options and need none; two-input runs need them', () => {
    assert.equal(patientInputsFor(['a.png'], undefined, {}), null);
    assert.throws(() => patientInputsFor(['a.png'], undefined, { age: 3 }), /this run takes the image alone/);
    assert.throws(
      () => patientInputsFor(['a.png'], inputs, {}),
      /takes patient data \(age, sex, view\); pass --age --sex --view or --patient-csv FILE/,
    );
  });
});
