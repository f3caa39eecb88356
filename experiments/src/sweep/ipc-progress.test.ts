import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ipcProgress } from './ipc-progress.ts';
import type { CellProgress } from './worker-protocol.ts';

test('ipcProgress sends epoch starts and ends at once, batches at most every 500 ms, with images/s of the epoch so far', () => {
  const sent: CellProgress[] = [];
  const messages: string[] = [];
  let t = 0;
  const p = ipcProgress({ progress: (x) => sent.push(x), message: (m) => messages.push(m) }, 500, () => t);
  p.epochStart(1, 3, 4);
  t = 100;
  p.batch(1, 4, 16); // throttled
  t = 600;
  p.batch(2, 4, 16); // 32 images in 0.6 s
  t = 800;
  p.epochEnd(1, 'loss 0.6');
  p.message('resuming after epoch 1');
  assert.deepEqual(sent, [
    { epoch: 1, epochs: 3, step: 0, steps: 4, imagesPerSecond: 0 },
    { epoch: 1, epochs: 3, step: 2, steps: 4, imagesPerSecond: 32 / 0.6 },
    { epoch: 1, epochs: 3, step: 4, steps: 4, imagesPerSecond: 32 / 0.8 },
  ]);
  assert.deepEqual(messages, ['resuming after epoch 1']);
});
