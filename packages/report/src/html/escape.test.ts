import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, scriptJson } from './escape.ts';

test('escapeHtml escapes the five HTML specials and nothing else', () => {
  assert.equal(escapeHtml(`a < b & "c" 'd' > e ±`), 'a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e ±');
});

test('scriptJson cannot close its script element and parses back to the value', () => {
  const value = { a: '</script><script>alert(1)</script>', b: '<!--', n: [1, 2] };
  const text = scriptJson(value);
  assert.ok(!text.includes('<'));
  assert.deepEqual(JSON.parse(text), value);
  assert.equal(scriptJson({ x: Number.NaN }), '{"x":null}');
});
