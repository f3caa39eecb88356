import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IN_MEMORY, openResultsStore, type ResultsStore } from '@cxr/results';
import { identityConfig } from '@cxr/train';
import { parseFormats } from '../cli/commands/report.ts';
import { reportExperimentsFor } from './report-experiments.ts';
import { resolveExperiment } from './resolve-experiment.ts';

/** A store holding one pending run of table2-unfreeze's first cell under `profile`, and an ad-hoc experiment. */
function storeWith(profile: string): ResultsStore {
  const store = openResultsStore({ path: IN_MEMORY });
  const cell = resolveExperiment('table2-unfreeze', { profile }).cells[0]!;
  store.ensureExperiment('table2-unfreeze');
  const { configId } = store.registerConfig('table2-unfreeze', identityConfig(cell.config), cell.level);
  store.registerRun({ configId, seed: cell.seed, datasetFingerprint: 'f'.repeat(64) });
  store.ensureExperiment('adhoc');
  const other = store.registerConfig('adhoc', { any: 'config' }, 'mine');
  store.registerRun({ configId: other.configId, seed: 1, datasetFingerprint: 'f'.repeat(64) });
  return store;
}

test('reportExperimentsFor picks the profile whose config hashes the stored runs have', () => {
  for (const profile of ['smoke', 'default']) {
    const store = storeWith(profile);
    const [report] = reportExperimentsFor(store, ['table2-unfreeze']);
    assert.equal(report!.profile, profile);
    assert.deepEqual(report!.levels[0]!.configHashes, [resolveExperiment('table2-unfreeze', { profile }).cells[0]!.configHash]);
    store.close();
  }
});

test('reportExperimentsFor: every stored experiment by default, a generic description without a definition, --profile wins', () => {
  const store = storeWith('smoke');
  const reports = reportExperimentsFor(store, []);
  assert.deepEqual(
    reports.map((r) => r.name),
    ['table2-unfreeze', 'adhoc'],
  );
  assert.deepEqual(
    reports[1]!.levels.map((l) => l.label),
    ['mine'],
  );
  assert.equal(reportExperimentsFor(store, ['table2-unfreeze'], 'paper')[0]!.profile, 'paper');
  store.close();
});

test('reportExperimentsFor: a definition with no matching runs keeps its levels without config hashes', () => {
  const store = openResultsStore({ path: IN_MEMORY });
  const [report] = reportExperimentsFor(store, ['table3-init']);
  assert.equal(report!.profile, null);
  assert.ok(report!.levels.every((l) => l.configHashes === undefined));
  store.close();
});

test('reportExperimentsFor refuses a name that is neither stored nor defined', () => {
  const store = storeWith('smoke');
  assert.throws(
    () => reportExperimentsFor(store, ['table9']),
    /cxr report\(experiment\): "table9" is neither in the database \(table2-unfreeze, adhoc\) nor a defined experiment/,
  );
  store.close();
});

test('parseFormats: a comma list without repeats; an unknown format names the flag and the valid ones', () => {
  assert.deepEqual(parseFormats('html, md,html,tex'), ['html', 'md', 'tex']);
  assert.throws(() => parseFormats('html,pdf'), /cxr report --format: unknown format "pdf"; valid formats: html, md, tex, csv, json/);
});
