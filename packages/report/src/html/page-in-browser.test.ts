/**
 * The fixture's experiment page, written by writeReports, opened from file:// in a real headless
 * Chromium (puppeteer-core): it makes
 * no request beyond the file itself, logs no error, its tables show the model's numbers and its
 * charts are SVG. Skips with the reason where no Chromium starts, unless CXR_REQUIRE_SERVICES=1.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { makeTempDir } from '@cxr/testkit';
import { comparisonColumns } from '../specs/comparison-table-spec.ts';
import { mirroredColumns } from '../specs/mirrored-table-spec.ts';
import { reportSpecs } from '../specs/report-specs.ts';
import { CHROMIUM_ARGS, findChromium } from '../testing/chromium.ts';
import { buildReportModel } from '../build-report-model.ts';
import { buildFixtureStore, FIXTURE_UNFREEZE_EXPERIMENT, FIXTURE_EXPERIMENTS } from '../testing/index.ts';
import { writeReports } from '../write-reports.ts';

const { dir, cleanup } = makeTempDir('report-browser');
after(cleanup);

test('the experiment page loads offline in headless Chromium with its numbers and charts', { timeout: 60_000 }, async (t) => {
  const found = await findChromium();
  if ('reason' in found) {
    if (process.env['CXR_REQUIRE_SERVICES'] === '1') assert.fail(`CXR_REQUIRE_SERVICES=1 and ${found.reason}`);
    t.skip(found.reason);
    return;
  }
  const store = buildFixtureStore();
  const model = buildReportModel(store, FIXTURE_UNFREEZE_EXPERIMENT);
  await writeReports(store, FIXTURE_EXPERIMENTS, { out: dir });
  store.close();
  const file = join(dir, `${model.experiment.name}.html`);
  const url = pathToFileURL(file).href;

  const browser = await puppeteer.launch({ executablePath: found.path, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      requests.push(r.url());
      if (r.url() === url) void r.continue();
      else void r.abort();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(url, { waitUntil: 'load' });

    assert.deepEqual(requests, [url], 'no request beyond the file itself');
    assert.deepEqual(problems, []);

    const mirrored = await page.$$eval('#mirrored-table tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim())),
    );
    const columns = mirroredColumns(model);
    assert.deepEqual(
      mirrored,
      model.levels.map((l) => columns.map((c) => c.cell(l))),
    );
    // and independently of the column code: the AUC-ROC column holds each level's mean ± sd to 3 decimals
    const aucColumn = columns.findIndex((c) => c.heading === 'AUC-ROC');
    model.levels.forEach((l, i) => {
      const s = l.metrics['macro_auc_roc'];
      if (s && s.n >= 2) assert.equal(mirrored[i]![aucColumn], `${s.mean.toFixed(3)} ± ${s.sd.toFixed(3)}`);
    });
    const best = await page.$$eval('#mirrored-table tr.best td.level', (cells) => cells.map((c) => (c.textContent ?? '').trim()));
    assert.deepEqual(
      best,
      model.levels.filter((l) => l.best).map((l) => l.label),
    );
    const comparisons = await page.$$eval('#comparison-table tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((c) => (c.textContent ?? '').trim())),
    );
    const cc = comparisonColumns(model);
    assert.deepEqual(
      comparisons,
      model.comparisons.map((c) => cc.map((col) => col.cell(c))),
    );

    const sizes = await page.$$eval('figure svg', (svgs) => svgs.map((s) => s.getBoundingClientRect()).map((r) => [r.width, r.height]));
    assert.equal(sizes.length, reportSpecs(model).length);
    for (const [w, h] of sizes) assert.ok(w! > 50 && h! > 30, `chart drawn with a size (${w} x ${h})`);
    const embedded = await page.$$eval(
      'script[type="application/json"]',
      (s) => s.map((e) => JSON.parse(e.textContent ?? 'null') !== null).length,
    );
    assert.equal(embedded, reportSpecs(model).length + 1);

    const shots = process.env['CXR_SCREENSHOT_DIR'];
    if (shots) await page.screenshot({ path: join(shots, `${model.experiment.name}.png`) as `${string}.png`, fullPage: true });
  } finally {
    await browser.close();
  }
});
