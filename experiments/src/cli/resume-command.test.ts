import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resumeCommand, shellQuote } from './resume-command.ts';

test('resumeCommand quotes only what a shell would change', () => {
  assert.equal(resumeCommand(['sweep', 'table2-unfreeze', '--seeds', '1,2,5']), 'npx cxr sweep table2-unfreeze --seeds 1,2,5');
  assert.equal(shellQuote('model.head=[{"units": 8}]'), `'model.head=[{"units": 8}]'`);
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(shellQuote(''), `''`);
});
