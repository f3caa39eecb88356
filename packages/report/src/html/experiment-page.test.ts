import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runsCsv } from '../render/runs-csv.ts';
import { reportSpecs } from '../specs/report-specs.ts';
import { sampleReportModel } from '../testing/sample-model.ts';
import { renderExperimentPage } from './experiment-page.ts';

const model = sampleReportModel();
const html = await renderExperimentPage(model);

test('the page is byte-identical for the same model', async () => {
  assert.equal(await renderExperimentPage(sampleReportModel()), html);
});

test('the page is self-contained: no link, no script source, no network address but the user text', () => {
  assert.ok(!/<link\b/i.test(html));
  assert.ok(!/<script\b(?![^>]*type="application\/json")/i.test(html), 'only JSON data scripts');
  assert.ok(!/\bsrc=/i.test(html));
  assert.ok(!/@import|url\((?!#)/i.test(html), 'CSS loads nothing');
  const addresses = [...html.matchAll(/https?:\/\/[^\s"<&]*/g)].map((m) => m[0]);
  assert.deepEqual([...new Set(addresses)], ['https://example.org/thesis'], 'only the description mentions a URL');
});

test('user text is escaped everywhere', () => {
  assert.ok(!html.includes('<sample>') && !html.includes('<frozen>') && !html.includes('<wasm>'));
  assert.ok(html.includes('<h1>Unfreezing &lt;sample&gt; &amp; &quot;friends&quot;</h1>'));
  assert.ok(html.includes('out of memory &lt;wasm&gt; &amp; &quot;heap&quot; exhausted'), 'the failed run error is listed');
});

test('the header says what ran, on what and how far the grid is, with no time of its own', () => {
  for (const s of [
    'fp-0123456789abcdef',
    '<code>wasm</code>',
    '<dt>backbone</dt><dd><code>efficientnetb0</code></dd>',
    '<code>abc1234</code>',
    '<code>default</code>',
    '2026-01-01 00:01 UTC to 2026-01-01 00:08 UTC',
    '<strong>6</strong> of 9 planned',
    'Table 2',
  ]) {
    assert.ok(html.includes(s), s);
  }
  for (const status of ['done', 'running', 'pending', 'failed']) assert.ok(html.includes(`status-${status}`), status);
});

test('the tables carry the model numbers, the best row and the significant comparison marked', () => {
  assert.match(html, /<tr class="best" data-level="90 %"><td class="level" data-col="level">90 %<\/td>/);
  assert.ok(html.includes('<td class="num" data-col="AUC-ROC">0.820 ± 0.010</td>'));
  assert.ok(html.includes('<td class="num" data-col="AUC-ROC (thesis)">0.800 ± 0.010</td>'));
  assert.match(
    html,
    /<tr class="significant"><td data-col="comparison \(a − b\)">90 % − 100 % \(AUC-ROC\)<\/td><td class="num" data-col="difference">0.0500<\/td><td class="num" data-col="95 % CI">\[0.0273, 0.0727\]<\/td>/,
  );
  assert.ok(html.includes('id="agreement-table"'));
  assert.ok(html.includes('<code>model.unfreeze</code></td><td><code>1</code></td><td><code>0.9</code>'), 'what each level changes');
  assert.ok(
    html.includes('<li>Why Welch&#39;s t-test: with three seeds per arm an exact rank test cannot reach p &lt; 0.05'),
    'the model notes, escaped',
  );
});

test('charts are inline SVG with ids unique in the page', () => {
  const specs = reportSpecs(model);
  assert.equal((html.match(/<svg\b/g) ?? []).length, specs.length);
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length);
});

test('every spec and the runs are embedded as JSON, and the CSV link decodes to the per-run metrics', () => {
  for (const s of reportSpecs(model)) {
    const m = new RegExp(`<script type="application/json" id="spec-${s.id}">(.*?)</script>`).exec(html);
    assert.ok(m, s.id);
    assert.deepEqual(JSON.parse(m[1]!), JSON.parse(JSON.stringify(s.spec)));
  }
  const runs = JSON.parse(/<script type="application\/json" id="runs-data">(.*?)<\/script>/.exec(html)![1]!);
  assert.equal(runs.length, model.runs.length);
  const href = /download="sample-unfreeze-runs.csv" href="data:text\/csv;charset=utf-8,([^"]*)"/.exec(html)![1]!;
  const csv = decodeURIComponent(href.replace(/&amp;/g, '&'));
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines.length, model.runs.length + 1);
  assert.ok(lines[0]!.includes('test.macro_auc_roc'));
  assert.equal(csv, runsCsv([model]), 'the same CSV as --format csv');
  assert.ok(lines.some((l) => l.startsWith('sample-unfreeze,90 %,1,done,a1b2c3d4,') && l.includes(',0.81,')));
});
