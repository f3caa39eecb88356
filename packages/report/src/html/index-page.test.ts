import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleReportModel } from '../testing/sample-model.ts';
import { experimentPageName, renderIndexPage } from './index-page.ts';

test('the index lists each experiment with progress, failures and headline, linking its page', () => {
  const a = sampleReportModel();
  const b = sampleReportModel();
  b.experiment.name = 'loss & more';
  b.experiment.thesisTable = null;
  b.levels = b.levels.map((l) => ({ ...l, best: false }));
  b.header.runs = { pending: 0, running: 0, done: 9, failed: 0 };
  const html = renderIndexPage([a, b]);
  assert.equal(renderIndexPage([a, b]), html);
  assert.ok(html.includes('<a href="sample-unfreeze.html">Unfreezing &lt;sample&gt; &amp; &quot;friends&quot;</a>'));
  assert.ok(html.includes('<a href="loss%20%26%20more.html">'), 'names are URI-encoded, then escaped');
  assert.match(
    html,
    /<strong>6<\/strong>\/9 <span class="status status-running">1 running<\/span> <span class="status status-pending">1 pending<\/span> <span class="status status-failed">1 failed<\/span>/,
  );
  assert.ok(html.includes('90 %: AUC-ROC 0.820 ± 0.010'));
  assert.ok(html.includes('no done run yet'));
  assert.ok(html.includes('2 experiments; 15 of 18 planned runs done, 1 failed.'));
  assert.ok(!/https?:|<link|<script/.test(html));
});

test('an empty database gives a page that says so', () => {
  assert.ok(renderIndexPage([]).includes('The database holds no experiment yet.'));
  assert.equal(experimentPageName('t2'), 't2.html');
});
