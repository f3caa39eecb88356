import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { selectBackend } from '@cxr/train';
import { findProfile } from '../experiments/profiles/index.ts';
import { resolveExperiment } from '../experiments/resolve-experiment.ts';
import { neededBackbones, prepareSweep } from './prepare-sweep.ts';

const tmp = makeTempDir('prepare-sweep');
after(tmp.cleanup);

test("table3-init under the smoke profile needs one pretrained CNN-3 (its 'Pretrained' level); prepareSweep makes it and the phantom set once, then keeps them", async () => {
  // the smoke profile with a tiny pretraining, so the test takes seconds
  const profile = { ...findProfile('smoke'), pretrain: { images: 40, epochs: 1, batchSize: 16, seed: 0 } };
  const resolved = resolveExperiment('table3-init', { profile, seeds: [1] });
  const weightsRoot = join(tmp.dir, 'weights');
  const dataRoot = join(tmp.dir, 'data');
  const needed = neededBackbones(resolved, weightsRoot);
  assert.deepEqual(
    needed.map((n) => [n.backbone, n.size, n.channels, n.missing]),
    [[resolved.baseConfig.model.backbone, resolved.baseConfig.image.size, resolved.baseConfig.image.channels, true]],
  );
  await selectBackend('wasm');
  const lines: string[] = [];
  const progress = { epochStart() {}, batch() {}, epochEnd() {}, message: (l: string) => void lines.push(l) };
  const first = await prepareSweep(resolved, { dataRoot, weightsRoot, progress });
  assert.deepEqual(first.pretrained, [{ dir: needed[0]!.dir, made: true }]);
  assert.ok(existsSync(needed[0]!.dir));
  assert.equal(new Set(first.fingerprints.values()).size, 1, 'one dataset for every cell');
  assert.ok(
    lines.some((l) => /^pretraining cnn3 at 32 px, 1 channel\(s\) for profile 'smoke' \(40 phantom source images, 1 epochs\)/.test(l)),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => /^phantom dataset: 160 images/.test(l)));
  lines.length = 0;
  const again = await prepareSweep(resolved, { dataRoot, weightsRoot, progress });
  assert.deepEqual(again.pretrained, [{ dir: needed[0]!.dir, made: false }]);
  assert.deepEqual(again.fingerprints, first.fingerprints);
  assert.deepEqual(lines, [], 'nothing made again');
});

test('Ctrl-C during a pretraining stops it after the current batch: nothing saved, the result says interrupted; an aborted signal starts none', async () => {
  const profile = { ...findProfile('smoke'), pretrain: { images: 200, epochs: 3, batchSize: 16, seed: 0 } };
  const resolved = resolveExperiment('table3-init', { profile, seeds: [1] });
  const weightsRoot = join(tmp.dir, 'weights-interrupted');
  const dataRoot = join(tmp.dir, 'data');
  const [need] = neededBackbones(resolved, weightsRoot);
  await selectBackend('wasm');
  const controller = new AbortController();
  let batches = 0;
  const progress = {
    epochStart() {},
    batch: () => {
      batches += 1;
      if (batches === 2) controller.abort('SIGINT');
    },
    epochEnd() {},
    message() {},
  };
  const stopped = await prepareSweep(resolved, { dataRoot, weightsRoot, progress, signal: controller.signal });
  assert.equal(stopped.interrupted, true);
  assert.deepEqual(stopped.pretrained, []);
  assert.ok(batches < 5, `stopped after the batch it was in (${batches} batches ran)`);
  assert.equal(existsSync(need!.dir), false, 'no weights folder from an interrupted pretraining');
  assert.equal(stopped.fingerprints.size, resolved.cells.length, 'the data step finished before');
  batches = 0;
  const none = await prepareSweep(resolved, { dataRoot, weightsRoot, progress, signal: controller.signal });
  assert.deepEqual([none.interrupted, batches], [true, 0]);
});
