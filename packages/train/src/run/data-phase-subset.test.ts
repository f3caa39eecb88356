import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { presetConfig } from '../config/presets.ts';
import { RUN_CONFIG_SCHEMA, type RunConfig } from '../config/run-config.ts';
import { loadRunDataset, prepareRunData } from './data-phase.ts';

// dataset.subset (seed 003): a balanced draw from the run seed before the patient-level split.
describe('data phase with dataset.subset', () => {
  const tmp = makeTempDir('data-phase-subset');
  after(tmp.cleanup);
  const smoke = presetConfig('smoke');
  const config: RunConfig = RUN_CONFIG_SCHEMA.parse({
    ...smoke,
    dataset: { ...smoke.dataset, name: 'nih', dataDir: null, phantom: { images: 120, size: 16, seed: 5 }, subset: { perClass: 6 } },
    split: { ...smoke.split, seed: 'run' },
    image: { ...smoke.image, size: 16 },
  });

  test('keeps a balanced part of the records, drawn from the run seed, and the full set fingerprint', async () => {
    const full = await loadRunDataset(config, join(tmp.dir, 'data'));
    const cacheDir = join(tmp.dir, 'cache');
    const a = await prepareRunData(config, 1, full, cacheDir);
    const again = await prepareRunData(config, 1, full, cacheDir);
    const other = await prepareRunData(config, 2, full, cacheDir);
    const n = a.dataset.records.length;
    assert.ok(n < full.records.length && n <= 6 * full.labelNames.length, `${n} of ${full.records.length}`);
    assert.equal(a.dataset.fingerprint, full.fingerprint, 'the run keeps the full set identity');
    assert.equal(a.cache.count, n);
    assert.deepEqual(a.split, again.split);
    assert.deepEqual(
      a.dataset.records.map((r) => r.imageId),
      again.dataset.records.map((r) => r.imageId),
    );
    assert.notDeepEqual(
      a.dataset.records.map((r) => r.imageId),
      other.dataset.records.map((r) => r.imageId),
    );
    full.labelNames.forEach((_, j) => {
      const have = full.records.filter((r) => r.labels[j]! >= 0.5).length;
      const got = a.dataset.records.filter((r) => r.labels[j]! >= 0.5).length;
      assert.ok(got >= Math.min(6, have), `label ${j}: ${got} of ${have}`);
    });
    const all = [...a.split.train, ...a.split.val, ...a.split.test].sort((x, y) => x - y);
    assert.deepEqual(
      all,
      Array.from({ length: n }, (_, i) => i),
      'the split covers the subset exactly',
    );
  });

  test('the key is optional: absent keeps the old config', () => {
    assert.equal('subset' in RUN_CONFIG_SCHEMA.parse(smoke).dataset, false);
  });
});
