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
    assert.equal(a.label, '90 %');
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
    assert.deepEqual(run.aliases, []);
  });

  test('registerConfig keeps the first label of a config in an experiment; later spellings become aliases', () => {
    const config = { preset: 'smoke', epochs: 2 };
    const first = store.registerConfig('reg-alias', config, 'smoke');
    assert.equal(first.label, 'smoke');
    const run = store.registerRun({ configId: first.configId, seed: 1, datasetFingerprint: 'fp' });
    // The same config under another spelling (a file, a path): the label stays, the spelling is recorded once.
    assert.deepEqual(store.registerConfig('reg-alias', config, 'configs/smoke.json'), first);
    assert.deepEqual(store.registerConfig('reg-alias', config, './configs/smoke.json'), first);
    assert.deepEqual(store.registerConfig('reg-alias', config, 'configs/smoke.json'), first);
    assert.deepEqual(store.registerConfig('reg-alias', config, 'smoke'), first, 'the label itself is no alias');
    assert.deepEqual([store.getRun(run.id).label, store.getRun(run.id).aliases], ['smoke', ['configs/smoke.json', './configs/smoke.json']]);
    assert.deepEqual(
      store.listRuns({ experiment: 'reg-alias' }).map((r) => [r.label, r.aliases]),
      [['smoke', ['configs/smoke.json', './configs/smoke.json']]],
    );
    // Another experiment has its own label and aliases.
    assert.equal(store.registerConfig('reg-alias-2', config, 'baseline').label, 'baseline');
    assert.deepEqual(store.configAliases(first.configId), [
      { experiment: 'reg-alias', label: 'smoke', aliases: ['configs/smoke.json', './configs/smoke.json'] },
      { experiment: 'reg-alias-2', label: 'baseline', aliases: [] },
    ]);
    assert.throws(() => store.configAliases(9999), {
      name: 'ResultsNotFoundError',
      message: 'configAliases(configId): expected a config id returned by registerConfig, received 9999 which does not exist',
    });
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
