import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';
import { ReportArgumentError } from './errors.ts';
import { sampleReportModel } from './testing/sample-model.ts';
import { checkFormats, writeReportFiles, type TextRenderers } from './write-report-files.ts';

const { dir, cleanup } = makeTempDir('report-files');
after(cleanup);

const stub: TextRenderers = {
  md: (m) => `md ${m.experiment.name}`,
  tex: (m) => `tex ${m.experiment.name}`,
  csv: (ms) => `csv ${ms.length}`,
  json: (ms) => `json ${ms.length}`,
};

test('writeReportFiles writes html only by default: one page per experiment and the index', async () => {
  const out = join(dir, 'html');
  const written = await writeReportFiles([sampleReportModel()], { out }, stub);
  assert.deepEqual(written, { out, files: [join(out, 'sample-unfreeze.html'), join(out, 'index.html')] });
  assert.deepEqual(readdirSync(out).sort(), ['index.html', 'sample-unfreeze.html']);
  assert.ok(readFileSync(join(out, 'sample-unfreeze.html'), 'utf8').startsWith('<!DOCTYPE html>'));
});

test('writeReportFiles writes every format asked for through its renderer', async () => {
  const out = join(dir, 'all');
  const b = sampleReportModel();
  b.experiment.name = 'second';
  const written = await writeReportFiles([sampleReportModel(), b], { out, formats: ['md', 'tex', 'csv', 'json'] }, stub);
  assert.deepEqual(
    written.files.map((f) => f.slice(out.length + 1)),
    ['sample-unfreeze.md', 'sample-unfreeze.tex', 'second.md', 'second.tex', 'runs.csv', 'runs.json'],
  );
  assert.equal(readFileSync(join(out, 'second.tex'), 'utf8'), 'tex second');
  assert.equal(readFileSync(join(out, 'runs.json'), 'utf8'), 'json 2');
});

test('bad formats and a repeated experiment are refused before anything is written', async () => {
  assert.deepEqual(checkFormats(['md', 'html', 'md']), ['md', 'html']);
  assert.throws(
    () => checkFormats(['pdf']),
    (e: Error) =>
      e instanceof ReportArgumentError &&
      e.message === 'writeReports(options.formats): expected one of html, md, tex, csv, json, received "pdf"',
  );
  assert.throws(
    () => checkFormats([]),
    /writeReports\(options.formats\): expected at least one of html, md, tex, csv, json, received an array of length 0/,
  );
  const out = join(dir, 'refused');
  await assert.rejects(
    writeReportFiles([sampleReportModel(), sampleReportModel()], { out }, stub),
    /writeReports\(experiments\): expected each experiment once, received "sample-unfreeze"/,
  );
  assert.throws(() => readdirSync(out), /ENOENT/);
});

test('an experiment page links the Grad-CAM galleries found beside it', async () => {
  const out = join(dir, 'galleries');
  mkdirSync(join(out, 'sample-unfreeze', 'gradcam', 'run-4'), { recursive: true });
  writeFileSync(join(out, 'sample-unfreeze', 'gradcam', 'run-4', 'gallery.html'), '<p>');
  await writeReportFiles([sampleReportModel()], { out }, stub);
  const page = readFileSync(join(out, 'sample-unfreeze.html'), 'utf8');
  assert.ok(page.includes('<a href="sample-unfreeze/gradcam/run-4/gallery.html">run-4</a>'));
});
