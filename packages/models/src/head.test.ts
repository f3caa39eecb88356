import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { headWord, parseHeadSpec } from './head.ts';

describe('parseHeadSpec', () => {
  test("reads the thesis' notation (002, Table 4)", () => {
    assert.deepEqual(parseHeadSpec('512/0.20'), [{ units: 512, dropout: 0.2 }]);
    assert.deepEqual(parseHeadSpec('256/0.30->128/0.30'), [
      { units: 256, dropout: 0.3 },
      { units: 128, dropout: 0.3 },
    ]);
    assert.deepEqual(parseHeadSpec(' 128/0.20 → 64/0.20 '), [
      { units: 128, dropout: 0.2 },
      { units: 64, dropout: 0.2 },
    ]);
    assert.deepEqual(parseHeadSpec('64/0'), [{ units: 64, dropout: 0 }]);
  });

  test("'none' and '' mean no head", () => {
    assert.deepEqual(parseHeadSpec('none'), []);
    assert.deepEqual(parseHeadSpec('logits'), []);
    assert.deepEqual([headWord(' NONE '), headWord('Logits'), headWord('256/0.2'), headWord('')], ['none', 'logits', null, null]);
    assert.deepEqual(parseHeadSpec('NONE'), []);
    assert.deepEqual(parseHeadSpec(''), []);
  });

  test('malformed specs name the function, the expected form and the input', () => {
    for (const bad of ['512', '512/1.0', '0/0.2', '256/0.3->', 'abc', '256/-0.1', '256/0.2,128/0.2']) {
      assert.throws(
        () => parseHeadSpec(bad),
        (e: Error) => {
          assert.equal(e.name, 'ModelArgumentError');
          assert.match(e.message, /^parseHeadSpec\(spec\): expected 'none', 'logits' or 'units\/dropout' pairs joined by '->'/);
          assert.ok(e.message.endsWith(`received ${JSON.stringify(bad)}`), e.message);
          return true;
        },
      );
    }
  });
});
