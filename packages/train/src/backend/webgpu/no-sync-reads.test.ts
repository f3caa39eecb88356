// No synchronous tensor reads on the training, evaluation or prediction path of any backend: the
// webgpu backend cannot read synchronously under Node (its readSync needs OffscreenCanvas), so one
// `dataSync()` there fails the whole run. Scans the sources (comments stripped) of every package and
// the CLI; the allow-list holds code that never runs in training and says why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..', '..', '..');

/** Files allowed a synchronous read, with the reason. */
const allowed: Record<string, string> = {
  'packages/models/src/gradcam/grad-cam.ts': 'Grad-CAM maps of a trained model (interpretability, not training)',
  'experiments/src/cli/commands/gradcam.ts': 'cxr gradcam (interpretability, runs after training)',
  'packages/train/src/bench/memory.bench.ts': 'wasm heap benchmark script, not a test or a run',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('testing.ts') ? [p] : [];
  });
}

/** The code of a file with // and /* comments removed (strings kept; good enough for call sites). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('no synchronous tensor reads outside the allow-list', () => {
  test('dataSync/arraySync appear only in allow-listed files', () => {
    const dirs = [join(root, 'experiments', 'src'), ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src'))];
    const files = dirs.flatMap((d) => {
      try {
        return sources(d);
      } catch {
        return [];
      }
    });
    assert.ok(
      files.some((f) => f.endsWith('train-step.ts')),
      'the scan sees the trainer',
    );
    const found = files
      .map((f) => relative(root, f))
      .filter((f) => /\.(dataSync|arraySync)\s*\(/.test(code(readFileSync(join(root, f), 'utf8'))));
    assert.ok(found.includes('packages/models/src/gradcam/grad-cam.ts'), `the pattern finds a known call: ${found.join(', ')}`);
    assert.deepEqual(
      found.filter((f) => !(f in allowed)),
      [],
      'synchronous reads fail on webgpu: use `await t.data()` / `await t.array()`',
    );
  });
});
