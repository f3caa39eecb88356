import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';
import { loadDataset } from '../adapters/index.ts';
import { NIH_LABELS } from '../adapters/label-lists.ts';
import { phantomLayoutSpec, planPhantomLayout } from './layouts.ts';
import { NIH_ALWAYS_NEGATIVE, nihRows, type NihPhantomRow } from './nih-layout.ts';
import { writePhantomDataset } from './write-dataset.ts';

const { dir, cleanup } = makeTempDir('phantom-nih');
after(cleanup);

function prevalence(rows: NihPhantomRow[], label: string): number {
  return rows.filter((r) => r.findings.includes(label)).length / Math.max(1, rows.length);
}

describe('phantom in ChestX-ray14 layout', () => {
  test('loadNih reads the written set: every row, its labels and patient data, the official lists', async () => {
    const out = join(dir, 'nih');
    const r = await writePhantomDataset({ outDir: out, images: 48, size: 16, seed: 5, layout: 'nih' });
    assert.equal(r.csvPath, join(out, 'Data_Entry_2017.csv'));
    const text = readFileSync(r.csvPath, 'utf8');
    assert.equal(
      text.split('\n')[0],
      'Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y],',
      "NIH's header with its bracketed pairs and trailing comma",
    );
    const expected = new Map(nihRows(planPhantomLayout('nih', { images: 48, seed: 5 }), 5).map((row) => [row.imageIndex, row]));
    const ds = await loadDataset({ dataset: 'nih', dataDir: out });
    assert.deepEqual(ds.problems, []);
    assert.equal(ds.records.length, 48, 'frontal views only, none skipped');
    assert.deepEqual(ds.labelNames, NIH_LABELS);
    for (const rec of ds.records) {
      const want = expected.get(rec.imageId)!;
      assert.ok(want, rec.imageId);
      assert.match(rec.imageId, /^\d{8}_\d{3}\.png$/);
      assert.deepEqual(
        ds.labelNames.filter((_, j) => rec.labels[j] === 1),
        NIH_LABELS.filter((l) => want.findings.includes(l)),
        rec.imageId,
      );
      assert.deepEqual([rec.patientId, rec.age, rec.sex, rec.view], [String(want.patientId), want.age, want.sex, want.view]);
      assert.equal(rec.studyId, `${want.patientId}/${want.followUp}`);
    }
    const truth = readFileSync(join(out, 'phantom-truth.csv'), 'utf8').trim().split('\n');
    assert.equal(truth.length, 49, 'truth: header + one line per image');
    assert.match(truth[1]!, /^images\/\d{8}_\d{3}\.png,/);
    const split = ds.officialSplit!;
    assert.equal(split.trainVal.length + split.test.length, 48);
    assert.ok(split.test.length > 0 && split.trainVal.length > 0);
    const patientOf = new Map(ds.records.map((x) => [x.imageId, x.patientId]));
    const testPatients = new Set(split.test.map((id) => patientOf.get(id)));
    assert.ok(
      split.trainVal.every((id) => !testPatients.has(patientOf.get(id))),
      'split by patient',
    );
  });

  test('patient data carries signal: age raises cardiomegaly, men have more emphysema, effusions are imaged AP (plan only)', () => {
    const rows = nihRows(planPhantomLayout('nih', { images: 3000, seed: 1 }), 1);
    const old = rows.filter((r) => r.age >= 70);
    const young = rows.filter((r) => r.age < 50);
    assert.ok(old.length > 300 && young.length > 300, `${old.length} old, ${young.length} young rows`);
    const ratio = prevalence(old, 'Cardiomegaly') / prevalence(young, 'Cardiomegaly');
    assert.ok(ratio > 2.5, `cardiomegaly, old/young prevalence ratio ${ratio.toFixed(2)}`);
    const fibrosis = prevalence(old, 'Fibrosis') / prevalence(young, 'Fibrosis');
    assert.ok(fibrosis > 2, `fibrosis, old/young ratio ${fibrosis.toFixed(2)}`);
    const sexRatio =
      prevalence(
        rows.filter((r) => r.sex === 'M'),
        'Emphysema',
      ) /
      prevalence(
        rows.filter((r) => r.sex === 'F'),
        'Emphysema',
      );
    assert.ok(sexRatio > 2, `emphysema, male/female ratio ${sexRatio.toFixed(2)}`);
    const ap = (rs: NihPhantomRow[]): number => rs.filter((r) => r.view === 'AP').length / rs.length;
    const withEffusion = ap(rows.filter((r) => r.row.params.findings['pleural effusion']));
    const without = ap(rows.filter((r) => !r.row.params.findings['pleural effusion']));
    assert.ok(withEffusion > 0.65 && without < 0.35, `AP share ${withEffusion.toFixed(2)} with an effusion, ${without.toFixed(2)} without`);
    for (const label of NIH_ALWAYS_NEGATIVE) assert.equal(prevalence(rows, label), 0, label);
    for (const label of NIH_LABELS.filter((l) => !(NIH_ALWAYS_NEGATIVE as readonly string[]).includes(l))) {
      const p = prevalence(rows, label);
      assert.ok(p > 0.01 && p < 0.15, `${label} prevalence ${p.toFixed(3)}`);
    }
  });

  test('an unknown layout is refused naming the argument', async () => {
    assert.throws(() => planPhantomLayout('mimic', { images: 4, seed: 0 }), {
      name: 'DataArgumentError',
      message: /^planPhantomLayout\(layout\): expected one of \[padchest, nih, chexpert\].*"mimic"/,
    });
    assert.throws(() => phantomLayoutSpec('mimic'), /^DataArgumentError: phantomLayoutSpec\(layout\): expected one of/);
    assert.equal(phantomLayoutSpec('nih', { lateralPerStudy: 0.5 }).lateralPerStudy, 0, 'NIH has no laterals, whatever the caller asks');
    assert.equal(phantomLayoutSpec('nih', { apFraction: 0.1 }).apFraction, 0.1, "the caller's spec wins over a layout default");
    await assert.rejects(writePhantomDataset({ outDir: join(dir, 'x'), images: 4, size: 16, seed: 0, layout: 'mimic' as 'nih' }), {
      name: 'DataArgumentError',
      message: /writePhantomDataset.*layout.*one of \[padchest, nih, chexpert\].*"mimic"/,
    });
  });
});
