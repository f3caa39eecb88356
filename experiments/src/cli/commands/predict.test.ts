import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { thresholdFileForRun, type LevelThresholdFile, type ThresholdFile } from '@cxr/report';
import { openResultsStore } from '@cxr/results';
import { makeTempDir } from '@cxr/testkit';
import { loadRunDataset, prepareRunData, presetConfig, runExperiment, selectBackend } from '@cxr/train';
import type { ImagePrediction } from './predict.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
function cxr(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cxr thresholds and cxr predict on a smoke run', () => {
  const tmp = makeTempDir('predict-cli');
  const db = join(tmp.dir, 'results.db');
  const images = join(tmp.dir, 'images');
  let runId = 0;
  /** The copied test images' stored probabilities, by file name. */
  const stored = new Map<string, number[]>();
  let labelNames: string[] = [];
  before(async () => {
    const { backend } = await selectBackend('wasm');
    const store = openResultsStore({ path: db });
    try {
      const roots = { dataRoot: join(tmp.dir, 'data'), weightsRoot: join(tmp.dir, 'weights') };
      const config = presetConfig('smoke');
      runId = (await runExperiment({ config, seed: 1, store, backend, ...roots })).runId;
      const dataset = await loadRunDataset(config, roots.dataRoot);
      const data = await prepareRunData(config, 1, dataset, join(roots.dataRoot, 'cache'));
      data.cache.close();
      const test = store.getPredictions(runId, 'test');
      labelNames = test.labelNames;
      mkdirSync(images);
      data.split.test.slice(0, 3).forEach((i, r) => {
        const path = dataset.records[i]!.path;
        copyFileSync(path, join(images, basename(path)));
        stored.set(basename(path), Array.from(test.probabilities.subarray(r * test.cols, (r + 1) * test.cols)));
      });
      writeFileSync(join(images, 'broken.png'), 'not an image');
      writeFileSync(join(images, 'notes.txt'), 'not read: not an image extension');
      store.registerRun({ configId: store.getRun(runId).configId, seed: 2, datasetFingerprint: store.getRun(runId).datasetFingerprint });
    } finally {
      store.close();
    }
  });
  after(tmp.cleanup);

  test("cxr thresholds --json prints the run's cxr-thresholds/1 file; the human form one table per rule", () => {
    const r = cxr(['thresholds', '--run', String(runId), '--db', db, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const file = JSON.parse(r.stdout) as ThresholdFile;
    const store = openResultsStore({ path: db, readonly: true });
    try {
      assert.deepEqual(file, JSON.parse(JSON.stringify(thresholdFileForRun(store, runId))));
    } finally {
      store.close();
    }
    writeFileSync(join(tmp.dir, 'thresholds.json'), r.stdout);
    const human = cxr(['thresholds', '--run', String(runId), '--db', db, '--rule', 'sens95']);
    assert.equal(human.status, 0, human.stderr);
    assert.match(
      human.stdout,
      /^run \d+ \(adhoc \/ \w+, seed 1\): thresholds fixed on validation\n\nsens95 \(targetSensitivity 0\.95\)\nlabel +threshold +sensitivity +specificity +precision +f1\n/,
    );
    assert.doesNotMatch(human.stdout, /youden/);
  });

  test('cxr thresholds refuses an unknown run and a run that is not done', () => {
    const unknown = cxr(['thresholds', '--run', '99', '--db', db]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, new RegExp(`no run 99 in ${db}`));
    const pending = cxr(['thresholds', '--run', String(runId + 1), '--db', db]);
    assert.equal(pending.status, 1);
    assert.match(pending.stderr, /cxr thresholds: run \d+ is pending, not done/);
  });

  test("cxr predict: the stored test probabilities for the run's own test images, decisions by the thresholds, a broken file named and exit 1", () => {
    const r = cxr([
      'predict',
      '--run',
      String(runId),
      '--db',
      db,
      '--images',
      images,
      '--thresholds',
      join(tmp.dir, 'thresholds.json'),
      '--json',
      '--backend',
      'wasm',
    ]);
    assert.equal(r.status, 1, 'one image failed');
    assert.match(r.stderr, new RegExp(`cxr predict: ${join(images, 'broken.png')}: .*cannot decode image`));
    const out = JSON.parse(r.stdout) as {
      labels: string[];
      rule: string;
      thresholds: Record<string, number | null>;
      images: ImagePrediction[];
      failed: { file: string }[];
    };
    assert.deepEqual(out.labels, labelNames);
    assert.equal(out.rule, 'youden');
    assert.deepEqual(
      out.failed.map((f) => basename(f.file)),
      ['broken.png'],
    );
    assert.deepEqual(
      out.images.map((i) => basename(i.file)),
      [...stored.keys()].sort(),
      "the folder's PNGs, sorted; notes.txt not read",
    );
    for (const image of out.images) {
      const want = stored.get(basename(image.file))!;
      labelNames.forEach((label, k) => {
        assert.ok(
          Math.abs(image.probabilities[label]! - want[k]!) <= 1e-5,
          `${image.file} ${label}: ${image.probabilities[label]} vs ${want[k]}`,
        );
        const t = out.thresholds[label];
        assert.equal(image.decisions![label], t === null || t === undefined ? null : image.probabilities[label]! >= t);
      });
    }
  });

  test('cxr predict --csv: one row per image with a file column and one per label', () => {
    const first = join(images, [...stored.keys()].sort()[0]!);
    const r = cxr(['predict', '--run', String(runId), '--db', db, '--images', first, '--csv', '--backend', 'wasm']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\r\n');
    assert.equal(lines[0], ['file', ...labelNames].join(','));
    assert.equal(lines.length, 2);
    assert.ok(lines[1]!.startsWith(`${first},`));
  });

  test('cxr predict refuses thresholds of another run and reports a missing path', () => {
    const other = join(tmp.dir, 'other.json');
    const file = JSON.parse(cxr(['thresholds', '--run', String(runId), '--db', db, '--json']).stdout) as ThresholdFile;
    writeFileSync(other, JSON.stringify({ ...file, runId: runId + 7 }));
    const r = cxr(['predict', '--run', String(runId), '--db', db, '--images', images, '--thresholds', other, '--backend', 'wasm']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`the thresholds are run ${runId + 7}'s, not run ${runId}'s`));
    const missing = cxr(['predict', '--run', String(runId), '--db', db, '--images', join(tmp.dir, 'nowhere'), '--backend', 'wasm']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cxr predict: .*nowhere: no such file or folder/);
  });

  test("cxr report writes each level's thresholds.json beside the pages, for cxr predict --thresholds", () => {
    const out = join(tmp.dir, 'reports');
    const r = cxr(['report', 'adhoc', '--db', db, '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    const path = r.stdout.split('\n').find((line) => line.endsWith('thresholds.json'));
    assert.ok(path?.startsWith(join(out, 'adhoc')), r.stdout);
    const file = JSON.parse(readFileSync(path!, 'utf8')) as LevelThresholdFile;
    assert.deepEqual([file.runId, file.recommended.runId, file.seeds.length], [runId, runId, 1]);
    const predicted = cxr(['predict', '--run', String(runId), '--db', db, '--images', images, '--thresholds', path!, '--backend', 'wasm']);
    assert.equal(predicted.status, 1, 'broken.png fails');
    assert.match(predicted.stdout, /^decisions: youden thresholds of .*thresholds\.json \(1 = positive\)\nfile +/);
  });
});
