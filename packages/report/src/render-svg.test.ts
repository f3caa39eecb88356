import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TopLevelSpec } from 'vega-lite';
import { RenderError, normaliseIds, offlineLoader, renderSvg } from './render-svg.ts';
import { labelHeatmapSpec } from './specs/label-heatmap-spec.ts';
import { sampleReportModel } from './testing/sample-model.ts';

const POINTS: TopLevelSpec = {
  data: {
    values: [
      { x: 1, y: 'a <b>' },
      { x: 2, y: 'c' },
    ],
  },
  mark: 'point',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'nominal' } },
};

test('renderSvg gives an SVG with the data drawn and text escaped', async () => {
  const svg = await renderSvg(POINTS);
  assert.match(svg, /^<svg [^>]*width="\d+"/);
  assert.ok(svg.includes('a &lt;b&gt;'), 'axis label escaped');
  assert.equal((svg.match(/aria-roledescription="point"/g) ?? []).length, 2);
});

test('renderSvg is deterministic: generated ids are renumbered per render', async () => {
  const spec = labelHeatmapSpec(sampleReportModel()); // its legend has a gradient, vega counts those per process
  const a = await renderSvg(spec);
  const b = await renderSvg(spec);
  assert.equal(a, b);
  assert.match(a, /id="gradient_?1"/);
});

test('renderSvg uses only the generic sans-serif family', async () => {
  const svg = await renderSvg(labelHeatmapSpec(sampleReportModel()));
  const families = new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]));
  assert.deepEqual([...families], ['sans-serif']);
});

test('renderSvg refuses a data URL and an image URL instead of fetching them', async () => {
  const url = { ...POINTS, data: { url: 'https://example.org/x.csv' } } as TopLevelSpec;
  await assert.rejects(
    renderSvg(url),
    (e: Error) => e instanceof RenderError && /renderSvg\(spec\): expected data inline.*"https:\/\/example.org\/x.csv"/.test(e.message),
  );
  const image = {
    data: { values: [{ x: 1, u: 'https://example.org/a.png' }] },
    mark: 'image',
    encoding: { x: { field: 'x', type: 'quantitative' }, url: { field: 'u', type: 'nominal' } },
  } as TopLevelSpec;
  await assert.rejects(renderSvg(image), /received URLs "https:\/\/example.org\/a.png"/);
});

test('renderSvg reports a spec that does not compile', async () => {
  await assert.rejects(
    renderSvg({ mark: 'nonsense' } as unknown as TopLevelSpec),
    (e: Error) => e instanceof RenderError && /renderSvg\(spec\): expected a valid Vega-Lite spec/.test(e.message),
  );
});

test('offlineLoader rejects every kind of load and records it', async () => {
  const { loader, refused } = offlineLoader();
  await assert.rejects(loader.load('a.csv'), RenderError);
  await assert.rejects(loader.sanitize('b.png', { context: 'href' }), RenderError);
  await assert.rejects(loader.http('https://x', {}), RenderError);
  await assert.rejects(loader.file('/etc/passwd'), RenderError);
  assert.deepEqual(refused, ['a.csv', 'b.png', 'https://x', '/etc/passwd']);
});

test('normaliseIds renumbers clip and gradient ids in order of appearance', () => {
  assert.equal(
    normaliseIds('<clipPath id="clip7"/><g clip-path="url(#clip7)"/><linearGradient id="gradient_12"/><rect fill="url(#gradient_12)"/>'),
    '<clipPath id="clip1"/><g clip-path="url(#clip1)"/><linearGradient id="gradient_1"/><rect fill="url(#gradient_1)"/>',
  );
  assert.equal(normaliseIds('<svg/>'), '<svg/>');
});
