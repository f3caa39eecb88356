import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';
import { buildReportModel } from './build-report-model.ts';
import { ReportArgumentError } from './errors.ts';
import { renderExperimentPage } from './html/experiment-page.ts';
import { renderLatex } from './render/render-latex.ts';
import { renderMarkdown } from './render/render-markdown.ts';
import { runsCsv } from './render/runs-csv.ts';
import { runsJson } from './render/runs-json.ts';
import { buildFixtureStore, FIXTURE_EXPERIMENTS } from './testing/index.ts';
import { writeReports } from './write-reports.ts';

const { dir, cleanup } = makeTempDir('report-write');
after(cleanup);
const store = buildFixtureStore();
after(() => store.close());

test('writeReports writes each fixture experiment page and the index, the pages equal to rendering the models', async () => {
  const out = join(dir, 'reports');
  const written = await writeReports(store, FIXTURE_EXPERIMENTS, { out });
  assert.deepEqual(written.files, [join(out, 'fixture-unfreeze.html'), join(out, 'fixture-loss.html'), join(out, 'index.html')]);
  assert.equal(
    readFileSync(join(out, 'fixture-loss.html'), 'utf8'),
    await renderExperimentPage(buildReportModel(store, FIXTURE_EXPERIMENTS[1]!)),
  );
  const index = readFileSync(join(out, 'index.html'), 'utf8');
  assert.ok(index.includes('href="fixture-unfreeze.html"') && index.includes('href="fixture-loss.html"'));
});

test('writeReports writes .md and .tex per experiment and runs.csv / runs.json over all, through the renderers', async () => {
  const out = join(dir, 'data');
  await writeReports(store, FIXTURE_EXPERIMENTS, { out, formats: ['md', 'tex', 'csv', 'json'] });
  assert.deepEqual(readdirSync(out).sort(), [
    'fixture-loss.md',
    'fixture-loss.tex',
    'fixture-unfreeze.md',
    'fixture-unfreeze.tex',
    'runs.csv',
    'runs.json',
  ]);
  const models = FIXTURE_EXPERIMENTS.map((e) => buildReportModel(store, e));
  assert.equal(readFileSync(join(out, 'fixture-unfreeze.md'), 'utf8'), renderMarkdown(models[0]!));
  assert.equal(readFileSync(join(out, 'fixture-loss.tex'), 'utf8'), renderLatex(models[1]!));
  assert.equal(readFileSync(join(out, 'runs.csv'), 'utf8'), runsCsv(models));
  assert.equal(readFileSync(join(out, 'runs.json'), 'utf8'), runsJson(models));
  const runs = FIXTURE_EXPERIMENTS.reduce((s, e) => s + buildReportModel(store, e).runs.length, 0);
  assert.equal(readFileSync(join(out, 'runs.csv'), 'utf8').trimEnd().split('\r\n').length, runs + 1);
  assert.equal(JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8')).length, runs);
});

test('writeReports refuses an unknown format or experiment before writing anything', async () => {
  const out = join(dir, 'refused');
  await assert.rejects(writeReports(store, FIXTURE_EXPERIMENTS, { out, formats: ['pdf' as 'html'] }), ReportArgumentError);
  await assert.rejects(writeReports(store, [{ ...FIXTURE_EXPERIMENTS[0]!, name: 'nope' }], { out }), ReportArgumentError);
  assert.throws(() => readdirSync(out), /ENOENT/);
});
