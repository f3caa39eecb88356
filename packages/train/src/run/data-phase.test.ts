import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { deriveSeed, splitByPatient } from '@cxr/data';
import { makeTempDir } from '@cxr/testkit';
import { presetConfig } from '../config/presets.ts';
import type { RunConfig } from '../config/run-config.ts';
import { loadRunDataset, peekRunDataset, phantomDataDir, prepareRunData } from './data-phase.ts';

describe('data phase', () => {
  const tmp = makeTempDir('data-phase');
  after(tmp.cleanup);
  const smoke = presetConfig('smoke');
  const dataRoot = join(tmp.dir, 'data');

  test('the phantom folder is named after its parameters', () => {
    assert.equal(phantomDataDir('data', { images: 160, size: 32, seed: 7 }), join('data', 'phantom', '160-32px-seed7'));
    assert.equal(phantomDataDir('data', { images: 160, size: 32, seed: 7 }, 'nih'), join('data', 'phantom-nih', '160-32px-seed7'));
    assert.equal(
      phantomDataDir('data', { images: 160, size: 32, seed: 7 }, 'chexpert'),
      join('data', 'phantom-chexpert', '160-32px-seed7'),
    );
  });

  test('a real dataset without a folder is a config error naming the flag', async () => {
    const padchest: RunConfig = { ...smoke, dataset: { ...smoke.dataset, name: 'padchest', dataDir: null } };
    await assert.rejects(loadRunDataset(padchest, dataRoot), {
      name: 'TrainConfigError',
      message:
        /loadRunDataset.*dataset\.dataDir.*the padchest dataset needs a folder: pass --data-dir DIR \(only 'phantom', 'nih', 'chexpert' are generated\)/,
    });
  });

  test("'nih' without a folder generates the phantom set in ChestX-ray14's layout under phantom-nih/ and reads it through the NIH adapter", async () => {
    const root = join(tmp.dir, 'nih');
    const nih: RunConfig = {
      ...smoke,
      dataset: { ...smoke.dataset, name: 'nih', dataDir: null, phantom: { images: 48, size: 16, seed: 3 } },
    };
    assert.equal(await peekRunDataset(nih, root), null, 'not there yet');
    const lines: string[] = [];
    const ds = await loadRunDataset(nih, root, (l) => lines.push(l));
    assert.match(lines[0] ?? '', /^phantom dataset: 48 images of \d+ patients written to .*phantom-nih.* \(nih layout\)$/);
    assert.ok(existsSync(join(phantomDataDir(root, nih.dataset.phantom, 'nih'), 'Data_Entry_2017.csv')));
    assert.equal(ds.records.length, 48, 'frontal only, all kept');
    assert.equal(ds.labelNames.length, 14);
    assert.ok(
      ds.records.every((r) => typeof r.age === 'number' && (r.sex === 'M' || r.sex === 'F') && (r.view === 'PA' || r.view === 'AP')),
    );
    assert.ok(ds.officialSplit && ds.officialSplit.test.length > 0, 'test_list.txt read');
    assert.equal((await peekRunDataset(nih, root))?.fingerprint, ds.fingerprint);
  });

  test('peekRunDataset writes nothing: null before the phantom set exists, then the same dataset loadRunDataset reads', async () => {
    const root = join(tmp.dir, 'peek');
    assert.equal(await peekRunDataset(smoke, root), null);
    assert.equal(existsSync(root), false, 'nothing generated');
    const made = await loadRunDataset(smoke, root);
    assert.equal((await peekRunDataset(smoke, root))?.fingerprint, made.fingerprint);
    const padchest: RunConfig = { ...smoke, dataset: { ...smoke.dataset, name: 'padchest', dataDir: null } };
    await assert.rejects(peekRunDataset(padchest, root), {
      name: 'TrainConfigError',
      message: /peekRunDataset.*dataset\.dataDir.*needs a folder/,
    });
  });

  test('generates the phantom set once, then reads it; prepareRunData splits by patient and builds the image cache', async () => {
    const lines: string[] = [];
    const ds = await loadRunDataset(smoke, dataRoot, (l) => lines.push(l));
    assert.equal(lines.length, 1, 'says it wrote the phantom set');
    assert.ok(existsSync(phantomDataDir(dataRoot, smoke.dataset.phantom)));
    const again = await loadRunDataset(smoke, dataRoot, (l) => lines.push(l));
    assert.equal(lines.length, 1, 'reused, not written again');
    assert.equal(again.fingerprint, ds.fingerprint);
    assert.equal(ds.records.length, 131, 'smoke: 131 records from 160 phantom images');

    const data = await prepareRunData(smoke, 1, ds, join(dataRoot, 'cache'));
    try {
      assert.deepEqual([data.split.train.length, data.split.val.length, data.split.test.length], [78, 24, 29], 'smoke, split seed 0');
      assert.equal(data.targets.length, ds.records.length);
      assert.equal(data.masks, null, "no masks unless the policy is 'ignore'");
      assert.deepEqual(data.labelNames, ds.labelNames);
      const all = [...data.split.train, ...data.split.val, ...data.split.test].sort((a, b) => a - b);
      assert.deepEqual(
        all,
        ds.records.map((_, i) => i),
      );
    } finally {
      data.cache.close();
    }
  });

  test("split.stratification 'second-order' reaches splitByPatient", async () => {
    const ds = await loadRunDataset(smoke, dataRoot);
    const config: RunConfig = { ...smoke, split: { ...smoke.split, stratification: 'second-order' } };
    const data = await prepareRunData(config, 1, ds, join(dataRoot, 'cache'));
    try {
      const seed = smoke.split.seed === 'run' ? deriveSeed(1, 'split') : smoke.split.seed;
      const fractions = { train: smoke.split.fractions[0], val: smoke.split.fractions[1], test: smoke.split.fractions[2] };
      assert.deepEqual(data.split, splitByPatient(ds.records, { seed, fractions, stratification: 'second-order' }));
      assert.notDeepEqual(
        data.split,
        splitByPatient(ds.records, { seed, fractions }),
        'the smoke set splits differently under first-order',
      );
    } finally {
      data.cache.close();
    }
  });

  test('an empty split is a config error naming split.fractions', async () => {
    const ds = await loadRunDataset(smoke, dataRoot);
    const config: RunConfig = { ...smoke, split: { ...smoke.split, fractions: [0.9, 0.1, 0] } };
    await assert.rejects(prepareRunData(config, 1, ds, join(dataRoot, 'cache')), {
      name: 'TrainConfigError',
      message: /prepareRunData.*split\.fractions.*the test split of 131 records is empty/,
    });
  });
});
