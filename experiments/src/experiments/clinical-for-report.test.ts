import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LIZ_EFFNET_REFERENCE, type ReferenceColumn, type ReportExperiment } from '@cxr/report';
import { withClinical } from './clinical-for-report.ts';

const plain = {
  name: 'a',
  title: 'A',
  thesisTable: null,
  factor: 'f',
  paramsColumn: null,
  levels: [],
  metrics: ['m'],
  comparisons: [],
} as ReportExperiment;
const asked: ReportExperiment = { ...plain, name: 'b', clinical: { reference: LIZ_EFFNET_REFERENCE, eceBins: 10 } };
const mine: ReferenceColumn = { name: 'mine', source: 'mine.csv', auc: { cardiomegaly: 0.9 } };

test('no flag: the experiments as defined', () => {
  assert.deepEqual(withClinical([plain, asked], { clinical: false, reference: null }), [plain, asked]);
});

test('--clinical: the Liz, EffNet column where none was asked for; a defined request kept', () => {
  const [a, b] = withClinical([plain, asked], { clinical: true, reference: null });
  assert.deepEqual(a!.clinical, { reference: LIZ_EFFNET_REFERENCE });
  assert.deepEqual(b!.clinical, { reference: LIZ_EFFNET_REFERENCE, eceBins: 10 });
});

test("--reference: the user's column everywhere, other settings kept", () => {
  const [a, b] = withClinical([plain, asked], { clinical: false, reference: mine });
  assert.deepEqual(a!.clinical, { reference: mine });
  assert.deepEqual(b!.clinical, { reference: mine, eceBins: 10 });
});
