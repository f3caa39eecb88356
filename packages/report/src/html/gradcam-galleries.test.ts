import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { findGradcamGalleries, gradcamSectionHtml } from './gradcam-galleries.ts';

const { dir, cleanup } = makeTempDir('gradcam-galleries');
after(cleanup);

test('finds the galleries cxr gradcam wrote, by run id, ignoring folders without a gallery', () => {
  for (const name of ['run-13', 'run-2', 'run-7', 'notes']) mkdirSync(join(dir, 'exp', 'gradcam', name), { recursive: true });
  for (const name of ['run-13', 'run-2', 'notes']) writeFileSync(join(dir, 'exp', 'gradcam', name, 'gallery.html'), '<p>');
  assert.deepEqual(findGradcamGalleries(dir, 'exp'), [
    { href: 'exp/gradcam/run-2/gallery.html', name: 'run-2' },
    { href: 'exp/gradcam/run-13/gallery.html', name: 'run-13' },
    { href: 'exp/gradcam/notes/gallery.html', name: 'notes' },
  ]);
  assert.deepEqual(findGradcamGalleries(dir, 'other'), []);
});

test('the section links each gallery, says how to make one on a clinical page, and is absent otherwise', () => {
  const html = gradcamSectionHtml([{ href: 'e/gradcam/run-1/gallery.html', name: 'run-1' }], false);
  assert.match(html, /<h2 id="gradcam">/);
  assert.ok(html.includes('<a href="e/gradcam/run-1/gallery.html">run-1</a>'));
  assert.match(gradcamSectionHtml([], true), /cxr gradcam --run RUN_ID/);
  assert.equal(gradcamSectionHtml([], false), '');
});
