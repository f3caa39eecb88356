import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { buildReportModel } from '../build-report-model.ts';
import type { ReferenceColumn } from '../clinical/clinical-types.ts';
import { renderLatex } from '../render/render-latex.ts';
import { renderMarkdown } from '../render/render-markdown.ts';
import type { ReportExperiment } from '../report-types.ts';
import { buildFixtureStore, FIXTURE_LOSS_EXPERIMENT } from '../testing/index.ts';
import { renderExperimentPage } from './experiment-page.ts';

const REFERENCE: ReferenceColumn = {
  name: 'Ref & co',
  source: 'test',
  auc: { cardiomegaly: 0.8, 'Pleural effusion': 0.9, 'air trapping': 0.7 },
};
const experiment: ReportExperiment = { ...FIXTURE_LOSS_EXPERIMENT, clinical: { reference: REFERENCE, bootstrap: { b: 50, seed: 1 } } };
const store = buildFixtureStore();
after(() => store.close());
const model = buildReportModel(store, experiment);
const html = await renderExperimentPage(model);

test('buildReportModel fills clinical only when the experiment asks for it', () => {
  assert.equal(buildReportModel(store, FIXTURE_LOSS_EXPERIMENT).clinical, null);
  assert.deepEqual(model.clinical!.levels, ['weighted-bce', 'focal_a0.20_g2.5', 'class-balanced focal']);
});

test('the page has the clinical section: Table 9 with the missing label, Table 10 per level, per-seed CIs, settings, notes', () => {
  const section = html.slice(html.indexOf('<h2 id="clinical">'));
  assert.ok(section.length > 0 && html.includes('<h2 id="clinical">Clinical evaluation</h2>'));
  const table9 = section.slice(section.indexOf('<table id="table9"'), section.indexOf('</table>', section.indexOf('<table id="table9"')));
  assert.ok(table9.includes('<th>Ref &amp; co</th>') && table9.includes('<th>Δ (weighted-bce)</th>'));
  const cardio = model.clinical!.table9[0]!.perLevel['weighted-bce']!;
  const delta = cardio.delta!;
  const sign = delta.mean >= 0 ? '+' : '';
  assert.ok(table9.includes(`${sign}${delta.mean.toFixed(3)} ± ${delta.sd.toFixed(3)}`), 'Delta mean ± sd of cardiomegaly');
  assert.ok(table9.includes('>air trapping</td><td class="num">0.700</td><td class="num">not in the dataset</td>'));
  for (const level of ['weighted-bce', 'focal-a0-20-g2-5', 'class-balanced-focal']) {
    assert.ok(section.includes(`<table id="table10-${level}"`), level);
    assert.ok(section.includes(`<table id="table10-seeds-${level}"`), level);
  }
  assert.ok(section.includes('<th>Spec@Sens=95%</th><th>Sens@Spec=95%</th><th>ECE (15 bins)</th>'));
  assert.ok(section.includes('<details><summary>Each seed'));
  assert.ok(section.includes('ECE with 15 equal-width bins; percentile bootstrap over test images, B = 50, seed 1'));
  assert.ok(section.includes('Reference labels the dataset does not have (listed without numbers): air trapping.'));
});

test('the page is byte-identical for the same store and experiment', async () => {
  const again = buildFixtureStore();
  after(() => again.close());
  assert.equal(await renderExperimentPage(buildReportModel(again, experiment)), html);
});

test('Markdown and LaTeX carry Table 9 and Table 10', () => {
  const md = renderMarkdown(model);
  assert.ok(md.includes('#### Table 9: per-label AUC-ROC against the reference'));
  assert.ok(md.includes('| air trapping | 0.700 | not in the dataset |'));
  assert.ok(md.includes('#### Table 10: calibration and operating points, class-balanced focal'));
  assert.ok(/\| Macro \| \d\.\d{3} ± \d\.\d{3} \|/.test(md));
  const tex = renderLatex(model);
  assert.ok(tex.includes('% Table 9: per-label AUC-ROC against Ref & co'));
  assert.ok(tex.includes('Label & Ref \\& co & $\\Delta$ (weighted-bce)'));
  assert.ok(tex.includes('% Table 10: focal_a0.20_g2.5 (ECE with 15 bins)'));
  assert.ok(/Macro & \d\.\d{3} \$\\pm\$ \d\.\d{3}/.test(tex));
  assert.ok(!renderMarkdown(buildReportModel(store, FIXTURE_LOSS_EXPERIMENT)).includes('Clinical evaluation'));
});

test('extra quoted columns appear beside the reference in Table 9 of the page, Markdown and LaTeX, with their source', async () => {
  const extra: ReferenceColumn = { name: 'Seed Table 1', source: 'doc 001, Table 1', auc: { Cardiomegaly: 0.83 } };
  const m = buildReportModel(store, { ...experiment, clinical: { ...experiment.clinical!, extraReferences: [extra] } });
  const page = await renderExperimentPage(m);
  const table9 = page.slice(page.indexOf('<table id="table9"'), page.indexOf('</table>', page.indexOf('<table id="table9"')));
  assert.ok(table9.includes('<th>Ref &amp; co</th><th>Seed Table 1</th><th>Δ (weighted-bce)</th>'), table9.slice(0, 400));
  assert.ok(table9.includes('>cardiomegaly</td><td class="num">0.800</td><td class="num">0.830</td>'));
  assert.ok(page.includes('Also quoted: Seed Table 1 (doc 001, Table 1).'));
  assert.match(renderMarkdown(m), /\| Label \| Ref & co \| Seed Table 1 \|/);
  assert.match(renderLatex(m), /Seed Table 1/);
});
