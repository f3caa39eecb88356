import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encode } from 'fast-png';
import { makeTempDir } from '@cxr/testkit';
import type { CxrRecord } from '../records.ts';
import { checkImages, describeImageProblems } from './check-images.ts';

const { dir, cleanup } = makeTempDir('check-images');
after(cleanup);

function record(name: string, bytes?: Uint8Array | string): CxrRecord {
  const path = join(dir, name);
  if (bytes !== undefined) writeFileSync(path, bytes);
  return { imageId: name, patientId: 'p', view: 'PA', path, labels: new Float32Array(1) };
}

describe('checkImages', () => {
  test('decodes every image and reports each unusable one in record order, writing nothing', async () => {
    const png = encode({ width: 8, height: 8, data: new Uint8Array(64).fill(99), depth: 8, channels: 1 });
    const records = [
      record('ok.png', png),
      record('missing.png'),
      record('ok2.png', png),
      record('empty.png', ''),
      record('text.png', 'not an image'),
      record('cut.png', png.subarray(0, 50)),
    ];
    const before = readdirSync(dir).sort();
    const progress: number[] = [];
    const problems = await checkImages(records, { concurrency: 3, onProgress: (done) => progress.push(done) });
    assert.deepEqual(
      problems.map((p) => [p.source, p.kind, p.file]),
      [
        ['image', 'missing-image', records[1]!.path],
        ['image', 'empty-image', records[3]!.path],
        ['image', 'bad-image', records[4]!.path],
        ['image', 'bad-image', records[5]!.path],
      ],
    );
    assert.deepEqual(progress, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(readdirSync(dir).sort(), before);
    assert.deepEqual(await checkImages([records[0]!]), []);
  });

  test('bad options throw DataArgumentError naming the argument', async () => {
    await assert.rejects(checkImages([], { size: 0 }), { message: 'checkImages(size): expected an integer in [1, 4096], received 0' });
    await assert.rejects(checkImages([], { concurrency: 1.5 }), {
      message: 'checkImages(concurrency): expected an integer >= 1, received 1.5',
    });
  });

  test('describeImageProblems counts by kind', () => {
    assert.equal(
      describeImageProblems([{ kind: 'empty-image', file: '/d/a.png', message: 'empty image file (0 bytes)' }], 2),
      '1 of 2 images cannot be used (1 empty-image):\n  /d/a.png: empty image file (0 bytes)',
    );
  });
});
