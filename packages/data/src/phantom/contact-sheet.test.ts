import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeTempDir } from '@cxr/testkit';
import { makeContactSheet } from './contact-sheet.ts';
import { writePhantomDataset } from './write-dataset.ts';

const { dir, cleanup } = makeTempDir('phantom-sheet');
after(cleanup);

describe('makeContactSheet', () => {
  test('tiles a negative and positives per label into one PNG', async () => {
    const data = join(dir, 'set');
    // High prevalences so 80 images have positives of every label.
    const prevalence = {
      cardiomegaly: 0.3,
      'aortic elongation': 0.3,
      unchanged: 0.2,
      scoliosis: 0.3,
      'costophrenic angle blunting': 0.3,
      'air trapping': 0.3,
      'pleural effusion': 0.3,
      'interstitial pattern': 0.3,
      'vertebral degenerative changes': 0.3,
      'laminar atelectasis': 0.3,
    };
    await writePhantomDataset({ outDir: data, images: 80, size: 32, seed: 1, spec: { prevalence, cooccurrence: [] } });
    const out = join(dir, 'sheet.png');
    const picks = await makeContactSheet({ dataDir: data, out, scale: 1 });
    assert.equal(picks.length, 10);
    assert.ok(picks.every((p) => p.typical && p.subtle && p.negative));
    const meta = await sharp(out).metadata();
    assert.equal(meta.format, 'png');
    assert.ok(meta.width! > 6 * 32 && meta.height! > 5 * 32);
  });

  test('names the missing ground-truth file and a bad scale', async () => {
    await assert.rejects(
      makeContactSheet({ dataDir: join(dir, 'nothing'), out: join(dir, 'x.png') }),
      /phantom-truth\.csv: missing; the contact sheet needs a phantom set/,
    );
    await assert.rejects(makeContactSheet({ dataDir: dir, out: join(dir, 'x.png'), scale: 0 }), {
      message: 'makeContactSheet(scale): expected an integer in [1, 8], received 0',
    });
  });
});
