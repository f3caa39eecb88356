import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decode } from 'fast-png';
import { makeTempDir } from '@cxr/testkit';
import { loadDataset, PADCHEST_THESIS_LABELS } from '../adapters/index.ts';
import { PADCHEST_COLUMNS, PADCHEST_CSV_NAME } from '../adapters/padchest.ts';
import { planPhantomDataset } from './plan.ts';
import { DEFAULT_PHANTOM_SPEC, mergePhantomSpec } from './spec.ts';
import { PHANTOM_MANIFEST_NAME, PHANTOM_TRUTH_NAME, writePhantomDataset } from './write-dataset.ts';

const { dir, cleanup } = makeTempDir('phantom');
after(cleanup);

const small = { images: 60, size: 64, seed: 11, spec: { imagesPerDir: 25 } };

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

// Raw rows, to check the file format itself; the adapter test below reads the set as users do.
function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

describe('writePhantomDataset', () => {
  test('writes PadChest layout: 36-column CSV, 16-bit PNGs in numbered ImageDir folders', async () => {
    const out = join(dir, 'a');
    const progress: number[] = [];
    const r = await writePhantomDataset({ outDir: out, ...small, onProgress: (d) => progress.push(d) });
    assert.equal(r.reused, false);
    assert.equal(progress.length, 60);
    const text = readFileSync(join(out, PADCHEST_CSV_NAME), 'utf8');
    const header = (parse(text, { to_line: 1 }) as string[][])[0]!;
    assert.deepEqual(header, [...PADCHEST_COLUMNS]);
    assert.equal(header.length, 36);
    const rows = readCsv(join(out, PADCHEST_CSV_NAME));
    assert.equal(rows.length, 60);
    assert.deepEqual(
      rows.map((row) => row['']),
      Array.from({ length: 60 }, (_, i) => String(i)),
    );
    assert.deepEqual([...new Set(rows.map((row) => row.ImageDir))], ['0', '1', '2']);
    const plan = planPhantomDataset({ images: 60, seed: 11, spec: mergePhantomSpec(small.spec) });
    rows.forEach((row, i) => {
      const planned = plan.rows[i]!;
      assert.equal(row.ImageID, planned.imageId);
      assert.equal(row.Projection, planned.projection);
      assert.match(row.StudyDate_DICOM!, /^\d{8}$/);
      assert.match(row.PatientBirth!, /^\d{4}\.0$/);
      assert.match(row.Labels!, /^\['[^']+'(, ' [^']+')*\]$/);
      // Python-list string -> names, undoing PadChest's leading-space quirk.
      const names = [...row.Labels!.matchAll(/'([^']*)'/g)].map((m) => m[1]!.trim());
      assert.deepEqual(names, planned.labels);
      assert.equal(row.ViewPosition_DICOM, { PA: 'POSTEROANTERIOR', AP: 'ANTEROPOSTERIOR', L: 'LATERAL' }[planned.projection]);
      const png = decode(readFileSync(join(out, row.ImageDir!, row.ImageID!)));
      assert.deepEqual([png.width, png.height, png.depth, png.channels], [64, 64, 16, 1]);
    });
    assert.ok(
      rows.some((row) => row.Report!.includes(',')),
      'reports with commas survive RFC 4180 quoting',
    );
    assert.ok(rows.some((row) => row.Projection === 'L') && rows.some((row) => row.Projection === 'PA'));
    assert.ok(existsSync(join(out, PHANTOM_TRUTH_NAME)));
    const manifest = JSON.parse(readFileSync(join(out, PHANTOM_MANIFEST_NAME), 'utf8'));
    assert.equal(manifest.images, 60);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('.tmp-')),
      [],
      'no temp folder left',
    );
  });

  test('the PadChest adapter reads the set: PA rows kept, laterals dropped, label vectors as planned, no problems', async () => {
    const out = join(dir, 'adapter');
    await writePhantomDataset({ outDir: out, ...small });
    const ds = await loadDataset({ dataset: 'phantom', dataDir: out });
    const plan = planPhantomDataset({ images: 60, seed: 11, spec: mergePhantomSpec(small.spec) });
    const pa = plan.rows.filter((r) => r.projection === 'PA');
    assert.deepEqual(ds.problems, []);
    assert.deepEqual(ds.labelNames, PADCHEST_THESIS_LABELS);
    assert.equal(ds.records.length, pa.length);
    assert.equal(ds.projections.PA, pa.length);
    assert.equal((ds.projections.L ?? 0) + (ds.projections.AP ?? 0) + pa.length, 60);
    ds.records.forEach((rec, i) => {
      assert.equal(rec.imageId, pa[i]!.imageId);
      const expected = PADCHEST_THESIS_LABELS.map((name) => (pa[i]!.labels.includes(name) ? 1 : 0));
      assert.deepEqual([...rec.labels], expected, `${rec.imageId} labels`);
      assert.ok(existsSync(rec.path));
    });
  });

  test('same seed -> byte-identical files; another seed differs', async () => {
    const b = join(dir, 'b');
    const c = join(dir, 'c');
    await writePhantomDataset({ outDir: b, ...small });
    await writePhantomDataset({ outDir: c, ...small });
    const files = listFiles(b);
    assert.deepEqual(files, listFiles(c));
    for (const f of files) assert.ok(readFileSync(join(b, f)).equals(readFileSync(join(c, f))), `${f} identical`);
    const d = join(dir, 'd');
    await writePhantomDataset({ outDir: d, ...small, seed: 12 });
    assert.notDeepEqual(listFiles(d), files);
  });

  test('a complete set with the same parameters is reused; different parameters or a missing manifest rebuild', async () => {
    const e = join(dir, 'e');
    await writePhantomDataset({ outDir: e, ...small });
    const again = await writePhantomDataset({ outDir: e, ...small });
    assert.equal(again.reused, true);
    const bigger = await writePhantomDataset({ outDir: e, ...small, images: 61 });
    assert.equal(bigger.reused, false);
    assert.equal(readCsv(join(e, PADCHEST_CSV_NAME)).length, 61);
    writeFileSync(join(e, PHANTOM_MANIFEST_NAME), '{ truncated');
    assert.equal((await writePhantomDataset({ outDir: e, ...small, images: 61 })).reused, false);
  });

  test('a set another writer finished meanwhile is kept, not replaced under a reader (two cxr train at once)', async () => {
    const done = join(dir, 'race-done');
    await writePhantomDataset({ outDir: done, ...small });
    const target = join(dir, 'race');
    let finishedBy: number | undefined;
    // while this call renders, "another process" puts the identical finished set in place
    const result = await writePhantomDataset({
      outDir: target,
      ...small,
      onProgress: (i) => {
        if (i !== 2) return;
        cpSync(done, target, { recursive: true });
        finishedBy = statSync(target).ino;
      },
    });
    assert.equal(result.reused, true);
    assert.equal(statSync(target).ino, finishedBy, 'the folder the other writer made is still the one in place');
    assert.deepEqual(listFiles(target), listFiles(done));
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.startsWith('.race')),
      [],
      'our temp folder is gone',
    );
  });

  test('bad arguments are named', async () => {
    const out = join(dir, 'x');
    await assert.rejects(writePhantomDataset({ outDir: out, images: 10, size: 64, seed: 0, labels: 'chexpert14' }), {
      message: 'writePhantomDataset(labels): expected one of [padchest10], received "chexpert14"',
    });
    await assert.rejects(
      writePhantomDataset({ outDir: out, images: 0, size: 64, seed: 0 }),
      /writePhantomDataset\(images\): expected an integer >= 1, received 0/,
    );
    await assert.rejects(
      writePhantomDataset({ outDir: out, images: 5, size: 10, seed: 0 }),
      /writePhantomDataset\(size\): expected an integer in \[16, 2048\], received 10/,
    );
    await assert.rejects(
      writePhantomDataset({ outDir: out, images: 5, size: 64, seed: 1.5 }),
      /writePhantomDataset\(seed\): expected a non-negative safe integer, received 1.5/,
    );
    await assert.rejects(
      writePhantomDataset({ outDir: '', images: 5, size: 64, seed: 0 }),
      /writePhantomDataset\(outDir\): expected a directory path, received ""/,
    );
    await assert.rejects(
      writePhantomDataset({ outDir: out, images: 5, size: 64, seed: 0, spec: { apFraction: 3 } }),
      /validatePhantomSpec\(spec\.apFraction\)/,
    );
    assert.equal(existsSync(out), false);
  });

  test('defaults are the PadChest-like spec', () => {
    assert.deepEqual(mergePhantomSpec(), DEFAULT_PHANTOM_SPEC);
  });
});
