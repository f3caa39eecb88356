import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inlineSvg } from './inline-svg.ts';

test('inlineSvg scopes ids and their references and drops namespace attributes', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><clipPath id="clip1"/><g clip-path="url(#clip1)"/><use href="#clip1"/><g fill="url(#other)"/></svg>';
  assert.equal(
    inlineSvg(svg, 'forest'),
    '<svg><clipPath id="forest-clip1"/><g clip-path="url(#forest-clip1)"/><use href="#forest-clip1"/><g fill="url(#other)"/></svg>',
  );
});
