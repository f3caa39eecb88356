import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { configHash } from './config-hash.ts';
import { openTempResultsStore } from './testing.ts';

const { store, cleanup } = openTempResultsStore();
after(cleanup);

describe('registration', () => {
  test('ensureExperiment is idempotent and keeps a description unless a new one is given', () => {
    const id = store.ensureExperiment('reg-a', 'first');
    assert.equal(store.ensureExperiment('reg-a'), id);
    assert.equal(store.db.prepare('SELECT description FROM experiments WHERE id = ?').pluck().get(id), 'first');
    assert.equal(store.ensureExperiment('reg-a', 'second'), id);
    assert.equal(store.db.prepare('SELECT description FROM experiments WHERE id = ?').pluck().get(id), 'second');
  });

  test('registerConfig stores canonical JSON once per hash; labels are per experiment', () => {
    const config = { unfreeze: 0.9, backbone: 'densenet121' };
    const a = store.registerConfig('reg-b', config, '90 %');
    assert.equal(a.hash, configHash(config));
    assert.deepEqual(store.registerConfig('reg-b', { backbone: 'densenet121', unfreeze: 0.9 }, '90 %'), a);
    const shared = store.registerConfig('reg-c', config, 'baseline');
    assert.equal(shared.configId, a.configId);
    assert.equal(
      store.db.prepare('SELECT config_json FROM configs WHERE id = ?').pluck().get(a.configId),
      '{"backbone":"densenet121","unfreeze":0.9}',
    );
    const run = store.registerRun({ configId: a.configId, seed: 0, datasetFingerprint: 'fp' });
    assert.equal(run.label, '90 %');
    assert.equal(run.experiment, 'reg-b');
    assert.deepEqual(
      store.listRuns({ experiment: 'reg-c' }).map((r) => [r.id, r.label]),
      [[run.id, 'baseline']],
    );
    // A new label for the same config in the same experiment replaces the old one.
    store.registerConfig('reg-b', config, 'ninety');
    assert.equal(store.getRun(run.id).label, 'ninety');
  });

  test('registerRun is idempotent on (config, dataset fingerprint, seed)', () => {
    const { configId } = store.registerConfig('reg-d', { k: 1 }, 'one');
    const first = store.registerRun({ configId, seed: 7, datasetFingerprint: 'phantom-abc' });
    assert.equal(first.status, 'pending');
    assert.equal(first.attempts, 0);
    assert.deepEqual(store.registerRun({ configId, seed: 7, datasetFingerprint: 'phantom-abc' }), first);
    assert.notEqual(store.registerRun({ configId, seed: 8, datasetFingerprint: 'phantom-abc' }).id, first.id);
    assert.notEqual(store.registerRun({ configId, seed: 7, datasetFingerprint: 'padchest-xyz' }).id, first.id);
    assert.equal(store.listRuns({ experiment: 'reg-d' }).length, 3);
  });

  test('refuses bad names, configs, seeds, fingerprints and unknown config ids', () => {
    assert.throws(() => store.ensureExperiment(''), {
      name: 'ResultsArgumentError',
      message: 'ensureExperiment(name): expected a non-empty string without surrounding spaces, received ""',
    });
    assert.throws(
      () => store.registerConfig('x', {}, ' 90 % '),
      /registerConfig\(label\): expected a non-empty string without surrounding spaces, received " 90 % "/,
    );
    assert.throws(
      () => store.registerConfig('x', { lr: Infinity }, 'l'),
      /canonicalJson\(value\.lr\): expected a finite number, received Infinity/,
    );
    const { configId } = store.registerConfig('reg-e', {}, 'empty');
    assert.throws(() => store.registerRun({ configId, seed: 1.5, datasetFingerprint: 'fp' }), {
      message: 'registerRun(args.seed): expected an integer >= 0, received 1.5',
    });
    assert.throws(
      () => store.registerRun({ configId, seed: -1, datasetFingerprint: 'fp' }),
      /registerRun\(args\.seed\): expected an integer >= 0, received -1/,
    );
    assert.throws(
      () => store.registerRun({ configId, seed: 0, datasetFingerprint: '' }),
      /registerRun\(args\.datasetFingerprint\): expected a non-empty string/,
    );
    assert.throws(() => store.registerRun({ configId: 9999, seed: 0, datasetFingerprint: 'fp' }), {
      name: 'ResultsNotFoundError',
      message: 'registerRun(args.configId): expected a config id returned by registerConfig, received 9999 which does not exist',
    });
  });
});
