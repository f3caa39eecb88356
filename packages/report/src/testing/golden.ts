/**
 * Golden JSON files (`*.golden.json`, stableJson's bytes, which prettier leaves alone) for tests of
 * deterministic artefacts (Vega-Lite specs, JSON; never SVG or PNG bytes): a test compares its value with the file; CXR_UPDATE_GOLDEN=1 rewrites the file instead.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import assert from 'node:assert/strict';
import { stableJson } from '../stable-json.ts';

/**
 * Asserts that `value` serialises to the content of `file` (or writes it under CXR_UPDATE_GOLDEN=1).
 *
 * @example matchGolden(new URL('./golden/forest.golden.json', import.meta.url).pathname, forestSpec(model))
 */
export function matchGolden(file: string, value: unknown): void {
  const text = stableJson(value);
  if (process.env['CXR_UPDATE_GOLDEN'] === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  let stored: string;
  try {
    stored = readFileSync(file, 'utf8');
  } catch {
    assert.fail(`matchGolden: no golden file ${file}; run the test with CXR_UPDATE_GOLDEN=1 to write it`);
  }
  assert.equal(text, stored, `matchGolden: ${file} differs (CXR_UPDATE_GOLDEN=1 rewrites it after a deliberate change)`);
}
