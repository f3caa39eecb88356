/**
 * Seeded fuzzing of image checking and the image cache (issue 13): each case is a folder of
 * 16-bit and 8-bit PNGs and JPEGs, some truncated at a random byte, zero-byte, replaced by text or
 * random bytes, or missing. The properties:
 * - checkImages reports every missing, empty and non-image file with its kind (a truncated file
 *   may still decode when only its trailer was cut; otherwise it is a 'bad-image');
 * - buildImageCache succeeds exactly when checkImages finds nothing, and otherwise throws one
 *   BadImagesError with the same problems, leaving no cache and no temp file;
 * - a built cache holds every image the decoder gives.
 */
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { encode } from 'fast-png';
import sharp from 'sharp';
import { makeTempDir } from '@cxr/testkit';
import { createRng, type Rng } from '../random/index.ts';
import type { CxrRecord } from '../records.ts';
import { BadImagesError, checkImages } from './check-images.ts';
import { decodeToGray } from './decode.ts';
import { buildImageCache } from './image-cache.ts';

const CASES = 30;
const { dir, cleanup } = makeTempDir('image-fuzz');
after(cleanup);

type Damage = 'none' | 'truncated' | 'empty' | 'text' | 'random' | 'missing';
const DAMAGE: Damage[] = ['none', 'none', 'none', 'truncated', 'empty', 'text', 'random', 'missing'];

async function goodImage(rng: Rng): Promise<{ bytes: Uint8Array; ext: string }> {
  const w = 4 + rng.int(13);
  const h = 4 + rng.int(13);
  const kind = rng.int(3);
  if (kind === 0)
    return {
      bytes: encode({ width: w, height: h, data: new Uint16Array(w * h).map(() => rng.int(4096)), depth: 16, channels: 1 }),
      ext: 'png',
    };
  if (kind === 1)
    return {
      bytes: encode({ width: w, height: h, data: new Uint8Array(w * h).map(() => rng.int(256)), depth: 8, channels: 1 }),
      ext: 'png',
    };
  const raw = Buffer.from(new Uint8Array(w * h).map(() => rng.int(256)));
  return {
    bytes: await sharp(raw, { raw: { width: w, height: h, channels: 1 } })
      .jpeg()
      .toBuffer(),
    ext: 'jpg',
  };
}

describe('image fuzzing (seeded, deterministic)', () => {
  test(`${CASES} folders of damaged images: every bad one reported, a failed cache build leaves nothing`, async () => {
    const outcomes = { built: 0, failed: 0, truncatedButDecodes: 0 };
    for (let seed = 1; seed <= CASES; seed++) {
      const rng = createRng(seed, 'fuzz-images');
      const records: CxrRecord[] = [];
      const damage: Damage[] = [];
      const n = 1 + rng.int(8);
      const clean = rng.next() < 0.3;
      for (let i = 0; i < n; i++) {
        const { bytes, ext } = await goodImage(rng);
        const d = clean ? 'none' : DAMAGE[rng.int(DAMAGE.length)]!;
        const path = join(dir, `c${seed}-${i}.${ext}`);
        if (d === 'none') writeFileSync(path, bytes);
        else if (d === 'truncated') writeFileSync(path, bytes.subarray(0, 1 + rng.int(bytes.length - 1)));
        else if (d === 'empty') writeFileSync(path, '');
        else if (d === 'text') writeFileSync(path, 'this is no image\n');
        else if (d === 'random') writeFileSync(path, Buffer.from(new Uint8Array(1 + rng.int(200)).map(() => rng.int(256))));
        records.push({ imageId: `c${seed}-${i}`, patientId: 'p', view: 'PA', path, labels: new Float32Array(1) });
        damage.push(d);
      }
      const where = `case ${seed} (${damage.join(', ')})`;
      const problems = await checkImages(records, { size: 4, concurrency: 2 });
      const byFile = new Map(problems.map((p) => [p.file, p]));
      assert.equal(byFile.size, problems.length, `${where}: one problem per image`);
      records.forEach((r, i) => {
        const p = byFile.get(r.path);
        const d = damage[i]!;
        const expected = { none: undefined, empty: 'empty-image', missing: 'missing-image', text: 'bad-image', random: 'bad-image' }[
          d as never
        ];
        if (d === 'truncated' && p === undefined) outcomes.truncatedButDecodes++;
        if (d === 'truncated') assert.ok(p === undefined || p.kind === 'bad-image', `${where}: image ${i}: ${JSON.stringify(p)}`);
        else assert.equal(p?.kind, expected, `${where}: image ${i}: ${JSON.stringify(p)}`);
        if (p) assert.equal(p.source, 'image');
      });
      const cacheDir = join(dir, `cache-${seed}`);
      const build = buildImageCache({ records, fingerprint: `fuzz-${seed}`, size: 4, cacheDir, concurrency: 2 });
      if (problems.length === 0) {
        outcomes.built++;
        const cache = await build;
        assert.deepEqual(readdirSync(cacheDir), [`fuzz-${seed}-4px.cxrimg`], where);
        for (let i = 0; i < n; i++) assert.deepEqual(cache.image(i), await decodeToGray(records[i]!.path, 4), `${where}: image ${i}`);
        cache.close();
      } else {
        outcomes.failed++;
        await assert.rejects(build, (err: Error) => {
          assert.ok(err instanceof BadImagesError, `${where}: ${String(err)}`);
          // libvips' wording for one truncated file may differ between two decodes; the kinds may not
          const brief = (ps: { kind?: string; file: string; source?: string }[]) => ps.map((p) => [p.source, p.kind, p.file]);
          assert.deepEqual(brief(err.problems), brief(problems), where);
          return true;
        });
        assert.deepEqual(readdirSync(cacheDir), [], `${where}: a failed build left files`);
      }
    }
    assert.ok(outcomes.built > 0 && outcomes.failed > 0, JSON.stringify(outcomes));
    // no temp file anywhere: neither next to the images nor in the cache folders
    assert.ok(readdirSync(dir, { recursive: true, encoding: 'utf8' }).every((name) => !name.includes('.tmp-')));
  });
});
