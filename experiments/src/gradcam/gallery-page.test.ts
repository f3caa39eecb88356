import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderGalleryPage } from './gallery-page.ts';

test('renderGalleryPage: relative image links, one section per label, captions with probability, run and mass', () => {
  const html = renderGalleryPage('Run <4>', [
    {
      file: '1-cardiomegaly.png',
      label: 'cardiomegaly',
      probability: 0.9512,
      runId: 4,
      imageId: 'img&1',
      massInRegion: 0.734,
      regionShare: 0.21,
    },
    {
      file: '2-pleural effusion.png',
      label: 'pleural effusion',
      probability: 0.93,
      runId: 4,
      imageId: 'img2',
      massInRegion: null,
      regionShare: null,
    },
  ]);
  assert.match(html, /<title>Run &lt;4&gt;<\/title>/);
  assert.match(html, /<img src="1-cardiomegaly.png"/);
  assert.match(html, /<img src="2-pleural%20effusion.png"/);
  assert.match(html, /cardiomegaly · p = 0.951 · run 4 · mass in region 73 % \(region 21 % of the image\)<br><small>img&amp;1<\/small>/);
  assert.match(html, /pleural effusion · p = 0.930 · run 4<br>/);
  assert.equal(html.match(/<section>/g)?.length, 2);
  assert.doesNotMatch(html, /https?:|data:/, 'self-contained: no remote or inline resources');
});
