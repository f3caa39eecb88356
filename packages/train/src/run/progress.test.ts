import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createProgress, formatRunEta, formatSeconds, runEtaSeconds } from './progress.ts';

describe('progress', () => {
  test('formatSeconds and formatRunEta', () => {
    assert.deepEqual(
      [formatSeconds(12.4), formatSeconds(185), formatSeconds(250), formatSeconds(3725)],
      ['12 s', '3 min 5 s', '4 min 10 s', '1 h 2 min'],
    );
    assert.equal(formatRunEta(250, false), 'run ETA 4 min 10 s');
    assert.equal(formatRunEta(250, true), 'run ETA <= 4 min 10 s (early stopping may end it sooner)');
    assert.equal(formatRunEta(250, true, true), 'run ETA <= 4 min 10 s');
  });

  test('runEtaSeconds: median of the measured epochs times the epochs left, plus the rest of the current one', () => {
    assert.equal(runEtaSeconds({ measured: [10, 12, 30], epochsAfterCurrent: 5, currentLeft: 4 }), 64);
    assert.equal(runEtaSeconds({ measured: [10, 20], epochsAfterCurrent: 3 }), 45); // median of two = their mean
    // nothing measured yet: the current epoch projected from its batches stands in
    assert.equal(runEtaSeconds({ measured: [], epochsAfterCurrent: 2, currentLeft: 3, currentEpochSeconds: 8 }), 19);
    assert.equal(runEtaSeconds({ measured: [], epochsAfterCurrent: 2 }), null);
    assert.equal(runEtaSeconds({ measured: [10], epochsAfterCurrent: 0, currentLeft: -1 }), 0);
  });

  test('plain mode (CI, pipes): one line per epoch with the run ETA from measured epochs; no batch lines', () => {
    let clock = 0;
    const plain: string[] = [];
    const p = createProgress({ write: (s) => plain.push(s), isTTY: false }, () => clock);
    p.epochStart(1, 4, 4, { mayStopEarly: false });
    p.batch(1, 4, 16);
    clock = 2000;
    p.epochEnd(1, 'loss 0.5000 val_loss 0.6000 val_auc 0.7000');
    p.epochStart(2, 4, 4, { mayStopEarly: false });
    clock = 6000;
    p.epochEnd(2, 'loss 0.4000 val_loss 0.5000 val_auc 0.7500');
    p.epochStart(3, 4, 4, { mayStopEarly: false });
    clock = 9000;
    p.epochEnd(3, 'loss 0.3000 val_loss 0.5000 val_auc 0.7600');
    p.epochStart(4, 4, 4, { mayStopEarly: false });
    clock = 12000;
    p.epochEnd(4, 'loss 0.2000 val_loss 0.5000 val_auc 0.7700');
    assert.deepEqual(plain, [
      'epoch 1/4 loss 0.5000 val_loss 0.6000 val_auc 0.7000 8.0 img/s 2 s, run ETA 6 s\n', // 2 s x 3 epochs
      'epoch 2/4 loss 0.4000 val_loss 0.5000 val_auc 0.7500 0.0 img/s 4 s, run ETA 6 s\n', // median(2, 4) = 3 s x 2
      'epoch 3/4 loss 0.3000 val_loss 0.5000 val_auc 0.7600 0.0 img/s 3 s, run ETA 3 s\n', // median(2, 4, 3) = 3 s x 1
      'epoch 4/4 loss 0.2000 val_loss 0.5000 val_auc 0.7700 0.0 img/s 3 s\n', // the last epoch: nothing left
    ]);
  });

  test('plain mode with early stopping: the run ETA is an upper bound; a resumed run measures only its own epochs', () => {
    let clock = 0;
    const plain: string[] = [];
    const p = createProgress({ write: (s) => plain.push(s) }, () => clock);
    p.message('resuming after epoch 10 from ckpt');
    p.epochStart(11, 50, 17, { mayStopEarly: true });
    clock = 6250;
    p.epochEnd(11, 'loss 0.5000 val_loss 0.6000');
    assert.deepEqual(plain, [
      'resuming after epoch 10 from ckpt\n',
      'epoch 11/50 loss 0.5000 val_loss 0.6000 0.0 img/s 6 s, run ETA <= 4 min 4 s (early stopping may end it sooner)\n', // 6.25 s x 39
    ]);
  });

  test('a second run on the same reporter (a sweep pretraining two backbones) times only its own epochs', () => {
    let clock = 0;
    const plain: string[] = [];
    const p = createProgress({ write: (s) => plain.push(s) }, () => clock);
    for (const e of [1, 2]) {
      p.epochStart(e, 8, 4, { mayStopEarly: false });
      clock += 14_000; // a fast backbone: 14 s per epoch
      p.epochEnd(e, 'loss 0.6800 val_loss 0.6800');
    }
    p.message('pretraining the next backbone');
    p.epochStart(1, 8, 4, { mayStopEarly: false });
    clock += 82_000; // a slow one: 82 s per epoch
    p.epochEnd(1, 'loss 0.7100 val_loss 0.6800');
    // 82 s x 7 epochs left = 9 min 34 s, not the median of (14, 14, 82) s x 7 = 1 min 38 s
    assert.equal(plain.at(-1), 'epoch 1/8 loss 0.7100 val_loss 0.6800 0.0 img/s 1 min 22 s, run ETA 9 min 34 s\n');
  });

  test('terminal: one rewritten line with batch i/N, epoch ETA, run ETA and the last validation AUC', () => {
    let clock = 0;
    const tty: string[] = [];
    const t = createProgress({ write: (s) => tty.push(s), isTTY: true }, () => clock);
    t.epochStart(1, 3, 4, { mayStopEarly: false });
    clock = 1000;
    t.batch(1, 4, 10); // nothing measured yet: this epoch projects to 4 s, 3 s of it left, 2 more epochs
    assert.equal(tty.at(-1), '\r\x1b[2Kepoch 1/3 batch 1/4 10.0 img/s epoch ETA 3 s, run ETA 11 s');
    clock = 5000;
    t.epochEnd(1, 'loss 1 val_loss 1 val_auc 0.6500');
    assert.equal(tty.at(-1), '\r\x1b[2Kepoch 1/3 loss 1 val_loss 1 val_auc 0.6500 2.0 img/s 5 s, run ETA 10 s\n');
    t.epochStart(2, 3, 4, { mayStopEarly: true });
    clock = 6000;
    t.batch(1, 4, 10); // 1 s per step -> 3 s left of this epoch, then one epoch of 5 s
    assert.equal(
      tty.at(-1),
      '\r\x1b[2Kepoch 2/3 batch 1/4 10.0 img/s epoch ETA 3 s, run ETA <= 8 s (early stopping may end it sooner), last val AUC 0.6500',
    );
    clock = 6050;
    t.batch(2, 4, 10); // within 100 ms of the last draw: not redrawn
    assert.equal(tty.length, 3);
    clock = 6060;
    t.batch(4, 4, 10); // the last batch always is
    assert.match(tty.at(-1)!, /^\r\x1b\[2Kepoch 2\/3 batch 4\/4 .* epoch ETA 0\.0 s, run ETA <= 5 s/);
    t.epochEnd(2, 'loss 1 val_loss 1 val_auc 0.7000');
    t.epochStart(3, 3, 4, { mayStopEarly: true });
    clock = 8000;
    t.batch(1, 4, 10); // the last epoch: no run ETA
    assert.equal(tty.at(-1), '\r\x1b[2Kepoch 3/3 batch 1/4 5.2 img/s epoch ETA 6 s, last val AUC 0.7000');
  });

  test('terminal: a narrow terminal gets the short run ETA, then a cut line; unknown epoch length shows batch i only', () => {
    let clock = 0;
    const tty: string[] = [];
    const t = createProgress({ write: (s) => tty.push(s), isTTY: true, columns: 80 }, () => clock);
    t.epochStart(1, 50, 17, { mayStopEarly: true });
    clock = 1000;
    t.batch(1, 17, 32);
    assert.equal(tty.at(-1), '\r\x1b[2Kepoch 1/50 batch 1/17 32.0 img/s epoch ETA 16 s, run ETA <= 14 min 9 s'); // 17 s x 49 + 16 s
    const narrow: string[] = [];
    const n = createProgress({ write: (s) => narrow.push(s), isTTY: true, columns: 30 }, () => clock);
    n.epochStart(1, 50, 0, { mayStopEarly: false });
    clock = 2000;
    n.batch(3, 0, 32);
    assert.equal(narrow.at(-1), '\r\x1b[2Kepoch 1/50 batch 3 32.0 img/s');
  });
});
