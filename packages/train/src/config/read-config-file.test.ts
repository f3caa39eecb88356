import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { jsonErrorPosition, readConfigFile } from './read-config-file.ts';

const tmp = makeTempDir('read-config-file');
after(tmp.cleanup);

function file(name: string, text: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readConfigFile', () => {
  test('reads and resolves a config file', () => {
    const path = file('ok.json', JSON.stringify({ $schema: './run-config.schema.json', extends: 'smoke', epochs: 3 }, null, 2));
    assert.equal(readConfigFile(path).epochs, 3);
  });

  test('malformed JSON is named with its file, line and column', () => {
    const path = file('bad.json', '{\n  "extends": "smoke",\n  epochs: 3\n}\n');
    assert.throws(
      () => readConfigFile(path),
      (error: Error) => {
        assert.equal(error.name, 'TrainConfigError');
        assert.match(error.message, /bad\.json:3:3: config key '\(root\)': not valid JSON: .+ \(line 3, column 3\)$/);
        assert.doesNotMatch(error.message, /position/);
        return true;
      },
    );
    const cut = file('cut.json', '{"extends": "smoke",\n "epochs": ');
    assert.throws(() => readConfigFile(cut), /cut\.json:2:12: config key '\(root\)': not valid JSON: Unexpected end of JSON input/);
  });

  test('an unreadable file and a config problem name the file', () => {
    assert.throws(
      () => readConfigFile(join(tmp.dir, 'none.json')),
      /none\.json: config key '\(root\)': cannot read the config file: ENOENT/,
    );
    const typo = file('typo.json', '{"extends": "smoke", "model": {"backbone": "mobilenet-v2"}}');
    assert.throws(
      () => readConfigFile(typo),
      /typo\.json: config key 'model.backbone': expected one of .*\(did you mean 'mobilenetv2'\?\)/,
    );
  });

  test('jsonErrorPosition turns a character position into line and column', () => {
    assert.deepEqual(jsonErrorPosition('{\n  a: 1}', 'Expected double-quoted property name in JSON at position 4'), { line: 2, column: 3 });
    assert.deepEqual(jsonErrorPosition('{"a":', 'Unexpected end of JSON input'), { line: 1, column: 6 });
  });
});
