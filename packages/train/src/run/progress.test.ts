import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createProgress, formatSeconds } from './progress.ts';

test('progress: plain lines per epoch off a terminal, one rewritten line with rate and ETA on a terminal', () => {
  assert.deepEqual([formatSeconds(12.4), formatSeconds(185), formatSeconds(3725)], ['12s', '3m05s', '1h02m']);
  let clock = 0;
  const plain: string[] = [];
  const p = createProgress({ write: (s) => plain.push(s), isTTY: false }, () => clock);
  p.epochStart(1, 2, 4);
  p.batch(1, 4, 16);
  clock = 2000;
  p.epochEnd(1, 'loss 0.5000 val_loss 0.6000 val_auc 0.7000');
  assert.deepEqual(plain, ['epoch 1/2 loss 0.5000 val_loss 0.6000 val_auc 0.7000 8.0 img/s 2s\n']);

  const tty: string[] = [];
  clock = 0;
  const t = createProgress({ write: (s) => tty.push(s), isTTY: true }, () => clock);
  t.epochStart(1, 2, 4);
  t.epochEnd(1, 'loss 1 val_loss 1 val_auc 0.6500');
  t.epochStart(2, 2, 4);
  clock = 1000;
  t.batch(1, 4, 10); // 10 img/s, 1 s per step -> 3 s left
  assert.match(tty[tty.length - 1]!, /^\r\x1b\[2Kepoch 2\/2 batch 1\/4 10\.0 img\/s ETA 3s last val AUC 0\.6500$/);
});
