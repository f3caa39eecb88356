// cxr gradcam end to end on a smoke run: a real run trained on the phantom (seconds), which keeps
// its best weights beside the database (<db>.models/<runId>/), then the overlays, the gallery and
// every refusal.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openResultsStore, type ResultsStore } from '@cxr/results';
import { presetConfig, runExperiment, selectBackend } from '@cxr/train';
import { makeTempDir } from '@cxr/testkit';
import { CliArgumentError } from '../parse-seed.ts';
import { meanMassByLabel, writeRunGradcams } from './gradcam.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const tmp = makeTempDir('cli-gradcam');
const db = join(tmp.dir, 'results.db');
const dataRoot = join(tmp.dir, 'data');
const weightsRoot = join(tmp.dir, 'weights');
let store: ResultsStore;
let runId = 0;

before(async () => {
  await selectBackend('wasm');
  store = openResultsStore({ path: db });
  const config = presetConfig('smoke');
  const outcome = await runExperiment({ config, seed: 1, store, backend: 'wasm', dataRoot, weightsRoot });
  runId = outcome.runId;
});
after(() => {
  store?.close();
  tmp.cleanup();
});

describe('cxr gradcam', () => {
  test('writes one PNG per selected image and a gallery linking them, with mass in region on the phantom', async () => {
    const out = join(tmp.dir, 'out');
    const entries = await writeRunGradcams(store, runId, { images: 2, minProb: 0, dataRoot }, out);
    assert.ok(entries.length >= 2, `${entries.length} entries`);
    const files = readdirSync(out).sort();
    assert.ok(files.includes('gallery.html'));
    for (const e of entries) {
      assert.ok(files.includes(e.file), e.file);
      assert.equal(readFileSync(join(out, e.file)).subarray(1, 4).toString(), 'PNG');
      assert.ok(e.probability >= 0 && e.probability <= 1);
    }
    const html = readFileSync(join(out, 'gallery.html'), 'utf8');
    assert.equal(html.match(/<figure>/g)?.length, entries.length);
    // Label noise can make a CSV label absent from the truth; the others have a region.
    const known = entries.filter((e) => e.massInRegion !== null);
    assert.ok(known.length > 0, 'some entries have a drawn region');
    for (const m of meanMassByLabel(entries)) {
      assert.ok(m.mean >= 0 && m.mean <= 1, `${m.label} ${m.mean}`);
      assert.ok(m.regionShare > 0 && m.regionShare < 1, `${m.label} region ${m.regionShare}`);
    }
  });

  test('--layer picks the feature map, named in the gallery; an unknown layer is refused with the 4-D layers listed', async () => {
    const out = join(tmp.dir, 'layer');
    const entries = await writeRunGradcams(store, runId, { images: 1, minProb: 0, layer: 'block1_bn', dataRoot }, out);
    assert.ok(entries.length >= 1);
    assert.match(readFileSync(join(out, 'gallery.html'), 'utf8'), /feature map block1_bn/);
    await assert.rejects(
      writeRunGradcams(store, runId, { images: 1, minProb: 0, layer: 'nope', dataRoot }, join(tmp.dir, 'layer-x')),
      /options\.layerName.*block1_bn/,
    );
  });

  test("refuses an unknown label, listing the run's labels", async () => {
    await assert.rejects(
      writeRunGradcams(store, runId, { label: 'nope', images: 4, minProb: 0.9, dataRoot }, join(tmp.dir, 'x')),
      (e: unknown) =>
        e instanceof CliArgumentError && /--label "nope" is not a label of this run; its labels: .*cardiomegaly/.test(e.message),
    );
  });

  test('refuses when no image passes, saying how many were tried and the best probability', async () => {
    await assert.rejects(
      writeRunGradcams(store, runId, { images: 4, minProb: 1, dataRoot }, join(tmp.dir, 'y')),
      (e: unknown) =>
        e instanceof CliArgumentError &&
        /reaches --min-prob 1: \d+ of \d+ images tried, the best probability seen was 0\.\d{3}/.test(e.message),
    );
  });

  test('the CLI refuses an unknown run and a run without a kept model', () => {
    const cxr = (...args: string[]) =>
      spawnSync(process.execPath, ['experiments/bin/cxr.mjs', 'gradcam', ...args], { cwd: root, encoding: 'utf8' });
    const unknown = cxr('--run', '999', '--db', db);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no run 999 in .*results\.db/);
    rmSync(`${db}.models/${runId}`, { recursive: true });
    const noModel = cxr('--run', String(runId), '--db', db, '--min-prob', '0', '--data-root', dataRoot);
    assert.equal(noModel.status, 1);
    assert.match(noModel.stderr, new RegExp(`run ${runId} has no saved model at .*results\\.db\\.models/${runId}`));
    assert.equal(existsSync(join(root, 'reports', 'adhoc', 'gradcam', `run-${runId}`)), false, 'nothing written');
  });
});
