import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { canonicalJson } from './canonical-json.ts';
import { configHash } from './config-hash.ts';

describe('canonicalJson', () => {
  test('sorts keys recursively, keeps array order, writes no whitespace', () => {
    assert.equal(canonicalJson({ b: [2, 1, { d: 1, c: 2 }], a: { y: null, x: 'é' } }), '{"a":{"x":"é","y":null},"b":[2,1,{"c":2,"d":1}]}');
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson({}), '{}');
    assert.equal(canonicalJson(-0), '0');
    assert.equal(canonicalJson(1e-4), '0.0001');
    assert.equal(canonicalJson(true), 'true');
  });

  test('orders keys by UTF-16 code unit as RFC 8785 does (upper case before lower case)', () => {
    // RFC 8785 section 3.2.3: keys sorted by their UTF-16 code units.
    assert.equal(canonicalJson({ b: 1, B: 2, a: 3, '\u00e9': 4, '1': 5 }), '{"1":5,"B":2,"a":3,"b":1,"é":4}');
  });

  test('refuses values that are not plain JSON, naming the path', () => {
    assert.throws(() => canonicalJson({ optim: { lr: Number.NaN } }), {
      name: 'ResultsArgumentError',
      message: 'canonicalJson(value.optim.lr): expected a finite number, received NaN',
    });
    assert.throws(() => canonicalJson([1, Infinity]), /canonicalJson\(value\[1\]\): expected a finite number, received Infinity/);
    assert.throws(() => canonicalJson({ a: undefined }), /canonicalJson\(value\.a\): expected a JSON value .*received undefined/);
    assert.throws(() => canonicalJson({ f: () => 1 }), /canonicalJson\(value\.f\): expected a JSON value .*received a function/);
    assert.throws(() => canonicalJson({ n: 1n }), /canonicalJson\(value\.n\): expected a JSON value .*received 1/);
    assert.throws(() => canonicalJson({ d: new Date(0) }), /canonicalJson\(value\.d\): expected a plain object, array or primitive/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => canonicalJson(cyclic), /canonicalJson\(value\.self\): expected an acyclic value/);
  });

  test('the same object twice (not a cycle) is allowed', () => {
    const shared = { k: 1 };
    assert.equal(canonicalJson({ a: shared, b: shared }), '{"a":{"k":1},"b":{"k":1}}');
  });
});

describe('configHash', () => {
  test('is SHA-256 of the canonical JSON and ignores key order', () => {
    // sha256 of the two bytes "{}" (coreutils sha256sum).
    assert.equal(configHash({}), '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    const a = configHash({ backbone: 'densenet121', unfreeze: 0.9, optim: { lr: 1e-4, name: 'adam' } });
    const b = configHash({ optim: { name: 'adam', lr: 1e-4 }, unfreeze: 0.9, backbone: 'densenet121' });
    assert.equal(a, b);
    assert.equal(
      a,
      createHash('sha256').update('{"backbone":"densenet121","optim":{"lr":0.0001,"name":"adam"},"unfreeze":0.9}').digest('hex'),
    );
    assert.notEqual(a, configHash({ backbone: 'densenet121', unfreeze: 0.8, optim: { lr: 1e-4, name: 'adam' } }));
  });

  test('refuses a config with NaN', () => {
    assert.throws(() => configHash({ lr: Number.NaN }), /canonicalJson\(value\.lr\): expected a finite number, received NaN/);
  });
});
