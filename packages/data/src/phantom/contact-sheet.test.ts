import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import sharp from 'sharp';
import { makeTempDir } from '@cxr/testkit';
import { makeContactSheet, type SheetBox } from './contact-sheet.ts';
import { writePhantomDataset } from './write-dataset.ts';

const { dir, cleanup } = makeTempDir('phantom-sheet');
after(cleanup);

function intersects(a: SheetBox, b: SheetBox): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

function inside(a: SheetBox, sheet: { width: number; height: number }): boolean {
  return a.left >= 0 && a.top >= 0 && a.left + a.width <= sheet.width && a.top + a.height <= sheet.height;
}

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
    const { picks, layout } = await makeContactSheet({ dataDir: data, out, scale: 1 });
    assert.equal(picks.length, 10);
    assert.ok(picks.every((p) => p.typical && p.subtle && p.negative));
    const meta = await sharp(out).metadata();
    assert.equal(meta.format, 'png');
    assert.deepEqual([meta.width, meta.height], [layout.width, layout.height]);
    assert.ok(meta.width! > 6 * 32 && meta.height! > 5 * 32);

    // Captions by numbers (issue 13: they overlapped at 32 px tiles): one heading per label and one
    // caption per tile, each as wide as measured when rendered, inside its own cell or column.
    assert.equal(layout.tiles.length, 30);
    assert.equal(layout.captions.length, 40);
    assert.deepEqual(
      layout.captions.filter((_, i) => i % 4 === 0).map((c) => c.text),
      picks.map((p) => p.label),
    );
    assert.ok(layout.captions.some((c) => /^subtle s=\d\.\d\d$/.test(c.text)));
    for (const c of layout.captions) {
      assert.ok(c.width > 0 && c.height > 0, c.text);
      assert.ok(c.width <= c.within.width, `${c.text}: ${c.width} px wide in a ${c.within.width} px column`);
      assert.ok(c.left >= c.within.left && c.left + c.width <= c.within.left + c.within.width, `${c.text} stays in its column`);
      assert.ok(inside(c, layout), `${c.text} is on the sheet`);
    }
    for (const t of layout.tiles) assert.ok(inside(t, layout));
    const boxes = [
      ...layout.captions.map((c) => ({ name: c.text, box: c })),
      ...layout.tiles.map((t) => ({ name: `${t.label} ${t.kind}`, box: t })),
    ];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) assert.equal(intersects(a.box, b.box), false, `"${a.name}" overlaps "${b.name}"`);
    }
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
