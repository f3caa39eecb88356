import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { configFileJsonSchema } from './config-file-schema.ts';
import { PRESET_NAMES, presetConfig } from './presets.ts';

describe('configFileJsonSchema', () => {
  // The printed JSON Schema read back by an independent interpreter (zod's fromJSONSchema), so the
  // test checks the JSON an editor sees, not the zod schema it came from.
  const printed = JSON.parse(JSON.stringify(configFileJsonSchema())) as Record<string, unknown>;
  const editor = z.fromJSONSchema(printed as never);

  test('a complete preset, a partial file and an empty file are valid config files', () => {
    for (const name of PRESET_NAMES) {
      const r = editor.safeParse({ $schema: './run-config.schema.json', extends: name, ...presetConfig(name) });
      assert.ok(r.success, `${name}: ${JSON.stringify(r.error?.issues)}`);
    }
    assert.ok(editor.safeParse({ extends: 'smoke', model: { backbone: 'mobilenetv2' }, schedule: { rampup: { decay: 0.9 } } }).success);
    assert.ok(editor.safeParse({}).success);
  });

  test('typos, unknown names and wrong types are flagged', () => {
    assert.equal(editor.safeParse({ epoch: 3 }).success, false);
    assert.equal(editor.safeParse({ model: { backbone: 'mobilenet-v2' } }).success, false);
    assert.equal(editor.safeParse({ loss: { name: 'bce' } }).success, false);
    assert.equal(editor.safeParse({ extends: 'smok' }).success, false);
    assert.equal(editor.safeParse({ epochs: 0 }).success, false);
    assert.equal(editor.safeParse({ model: { head: [{ units: 4 }] } }).success, false, 'array items are replaced whole, so complete');
  });

  test('it names the draft and lists the presets and backbones', () => {
    assert.equal(printed['$schema'], 'https://json-schema.org/draft/2020-12/schema');
    const props = printed['properties'] as Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
    assert.deepEqual(props['extends']!.enum, PRESET_NAMES);
    assert.ok(props['model']!.properties!['backbone']!.enum!.includes('efficientnetb0'));
  });
});
