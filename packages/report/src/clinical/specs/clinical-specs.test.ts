import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { renderSvg } from '../../render-svg.ts';
import { matchGolden } from '../../testing/golden.ts';
import type { ClinicalModel } from '../clinical-types.ts';
import { clinicalSpecs } from './clinical-specs.ts';
import { clinicalHistogramSpec } from './histogram-spec.ts';
import { levelIdParts } from './level-ids.ts';
import { clinicalPrSpec } from './pr-spec.ts';
import { clinicalReliabilitySpec, reliabilityPanelTitle } from './reliability-spec.ts';
import { clinicalRocSpec } from './roc-spec.ts';
import { clinicalFixtureModel } from './testing-fixture.ts';

type Row = Record<string, unknown>;
const values = (spec: unknown) => (spec as { data: { values: Row[] } }).data.values;
const golden = (name: string) => fileURLToPath(new URL(`./golden/${name}.golden.json`, import.meta.url));

test('levelIdParts: letters, digits and dashes only, unique per level, in level order', () => {
  const parts = levelIdParts(['90 %', '90-%', 'EfficientNetB0 / CutMix', '', '***', '90 %']);
  assert.deepEqual(
    [...parts.entries()],
    [
      ['90 %', '90-pct'],
      ['90-%', '90-pct-2'],
      ['EfficientNetB0 / CutMix', 'efficientnetb0-cutmix'],
      ['', 'level'],
      ['***', 'level-2'],
    ],
  );
});

test('clinicalSpecs: four specs per level with figures, in model order, ids safe for HTML', () => {
  const model = clinicalFixtureModel({ levels: ['90 %', 'MobileNetV2 / CutMix'], labels: 2, seeds: 2, images: 200 });
  model.levels.push('no figures');
  const specs = clinicalSpecs(model);
  assert.deepEqual(
    specs.map((s) => s.id),
    [
      'roc-90-pct',
      'pr-90-pct',
      'hist-90-pct',
      'reliability-90-pct',
      'roc-mobilenetv2-cutmix',
      'pr-mobilenetv2-cutmix',
      'hist-mobilenetv2-cutmix',
      'reliability-mobilenetv2-cutmix',
    ],
  );
  for (const s of specs) {
    assert.match(s.id, /^[a-z][a-z0-9-]*$/);
    const text = JSON.stringify(s.spec);
    assert.ok(!/"url"\s*:/.test(text) && !/https?:/.test(text), `${s.id}: data inline, no address`);
  }
  assert.equal(JSON.stringify(clinicalSpecs(model)), JSON.stringify(specs), 'deterministic');
});

test('the four specs of a 10-label, 3-seed, 100-point level render offline and stay under 1.5 MB of SVG', async (t) => {
  const model = clinicalFixtureModel({ levels: ['90 %'] });
  const level = model.figures.filter((f) => f.level === '90 %');
  assert.equal(level.length, 30, '10 labels x 3 seeds');
  assert.ok(level.every((f) => f.roc.length <= 100 && f.pr.length <= 100));
  assert.ok(Math.max(...level.map((f) => f.pr.length)) === 100, 'curves use the 100-point budget');
  const sizes: string[] = [];
  let total = 0;
  for (const s of clinicalSpecs(model)) {
    const svg = await renderSvg(s.spec);
    assert.match(svg, /^<svg /);
    total += svg.length;
    sizes.push(`${s.id} ${(svg.length / 1024).toFixed(0)} KiB SVG, ${(JSON.stringify(s.spec).length / 1024).toFixed(0)} KiB JSON`);
  }
  const summary = `SVG of the level: ${(total / 1e6).toFixed(2)} MB (${sizes.join('; ')})`;
  t.diagnostic(summary);
  assert.ok(total < 1.5e6, summary);
});

test('ROC spec: every finite curve point and both operating points of each seed, shape by kind', () => {
  const model = clinicalFixtureModel({ levels: ['L'], labels: 2, seeds: 2, images: 300, maxCurvePoints: 20 });
  const rows = values(clinicalRocSpec(model, 'L'));
  const curves = rows.filter((r) => r['part'] === 'curve');
  assert.equal(curves.length, 4, 'one row per label and seed');
  for (const f of model.figures) {
    const row = curves.find((r) => r['label'] === f.label && r['seed'] === f.seed)!;
    assert.deepEqual(
      row['x'],
      f.roc.map((p) => Math.round(p.x * 1e4) / 1e4),
    );
  }
  const ops = rows.filter((r) => r['part'] === 'op');
  assert.equal(ops.length, 8);
  assert.deepEqual([...new Set(ops.map((r) => r['kind']))], ['sensitivity ≥ 95 % on validation', 'specificity ≥ 95 % on validation']);
  assert.equal(rows.filter((r) => r['part'] === 'chance').length, 4, 'a diagonal per label');
});

test('PR spec: one prevalence line per label; histogram: seeds averaged bin by bin', () => {
  const model = clinicalFixtureModel({ levels: ['L'], labels: 2, seeds: 3, images: 300 });
  const prevalence = values(clinicalPrSpec(model, 'L')).filter((r) => r['part'] === 'prevalence');
  const label0 = model.figures.find((f) => f.label === 'atelectasis')!;
  assert.deepEqual(prevalence[0], { part: 'prevalence', label: 'atelectasis', y: Math.round(label0.prevalence * 1e4) / 1e4 });
  assert.equal(prevalence.length, 2);
  const hist = values(clinicalHistogramSpec(model, 'L'));
  assert.equal(hist.length, 2 * 20 * 2, 'labels x bins x classes');
  const seeds = model.figures.filter((f) => f.label === 'atelectasis');
  const mean = seeds.reduce((s, f) => s + f.histogram[3]!.positives, 0) / seeds.length;
  const row = hist.find((r) => r['label'] === 'atelectasis' && r['lo'] === 0.15 && r['class'] === 'positives')!;
  assert.equal(row['frequency'], Math.round(mean * 1e4) / 1e4);
  assert.equal(row['hi'], 0.2);
});

test('reliability spec: the ECE (mean ± sd over seeds) is in each panel title, the panels in label order', () => {
  const model = clinicalFixtureModel({ levels: ['L'], labels: 2, seeds: 3, images: 300 });
  const spec = clinicalReliabilitySpec(model, 'L') as { facet: { sort: string[] } };
  assert.equal(spec.facet.sort.length, 2);
  assert.match(spec.facet.sort[0]!, /^atelectasis \(ECE 0\.\d{3} ± 0\.\d{3}\)$/);
  assert.match(spec.facet.sort[1]!, /^cardiomegaly \(ECE /);
  const f = { level: 'L', label: 'a', seed: 1, ece: 0.0412 } as never;
  assert.equal(reliabilityPanelTitle('a', [f]), 'a (ECE 0.041)');
  assert.equal(reliabilityPanelTitle('b', [f]), 'b (ECE –)');
  const bins = values(spec).filter((r) => r['part'] === 'bin');
  assert.equal(
    bins.length,
    model.figures.reduce((s, x) => s + x.reliability.length, 0),
  );
});

test('a label without positives (NaN curve, NaN operating points) draws no curve and still renders', async () => {
  const model: ClinicalModel = clinicalFixtureModel({ levels: ['10 % / a'], labels: 2, seeds: 1, images: 200, maxCurvePoints: 10 });
  const broken = model.figures[0]!;
  broken.roc = broken.roc.map((p) => ({ ...p, y: Number.NaN }));
  broken.pr = broken.pr.map((p) => ({ ...p, x: Number.NaN }));
  broken.operatingPoints = broken.operatingPoints.map((p) => ({ ...p, y: Number.NaN }));
  broken.ece = Number.NaN;
  const roc = values(clinicalRocSpec(model, '10 % / a'));
  assert.equal(roc.filter((r) => r['part'] === 'curve').length, 1, 'only the defined label');
  assert.equal(roc.filter((r) => r['part'] === 'op').length, 2);
  for (const s of clinicalSpecs(model)) assert.match(await renderSvg(s.spec), /^<svg /, s.id);
});

test('golden: the ROC spec of a small fixture (2 labels, 2 seeds, 10 points)', () => {
  const model = clinicalFixtureModel({ levels: ['90 %'], labels: 2, seeds: 2, images: 200, maxCurvePoints: 10 });
  matchGolden(golden('small-roc-90-pct'), clinicalRocSpec(model, '90 %'));
});
