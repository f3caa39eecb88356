// `cxr backends`, and a whole `cxr train --preset smoke --backend webgpu` run on the adapter this
// machine has (in CI: llvmpipe through Dawn's OpenGL ES). Skips the run with the reason where
// webgpu does not start, unless CXR_REQUIRE_SERVICES=1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { makeTempDir } from '@cxr/testkit';
import { formatProbes, type BackendProbe } from './backends.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const tmp = makeTempDir('cli-backends');
after(tmp.cleanup);

function cxr(...args: string[]) {
  return spawnSync(process.execPath, ['experiments/bin/cxr.mjs', ...args], { cwd: root, encoding: 'utf8' });
}

const llvmpipe = {
  vendor: '',
  architecture: '',
  device: 'llvmpipe-llvm-15-0-6-256-bits-',
  description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6',
  backendType: 'opengles',
  featureLevel: 'compatibility' as const,
  software: true,
};

describe('cxr backends', () => {
  test('formatProbes: one line per backend with its reason or adapter, auto last, a software adapter flagged', () => {
    const probes: BackendProbe[] = [
      { backend: 'tensorflow', loads: false, reason: "Cannot find package '@tensorflow/tfjs-node'" },
      { backend: 'webgpu', loads: true, adapter: llvmpipe },
      { backend: 'cpu', loads: true },
    ];
    assert.deepEqual(formatProbes(probes, 'cpu'), [
      "tensorflow  no   Cannot find package '@tensorflow/tfjs-node'",
      'webgpu      yes  llvmpipe-llvm-15-0-6-256-bits- (opengles, compatibility, software adapter)',
      'cpu         yes',
      'auto picks: cpu',
      'webgpu runs on a software adapter here (CPU rasteriser): use it for checks, not for speed; auto skips it',
    ]);
  });

  test('--json lists every backend; wasm and cpu load; then a smoke run on webgpu completes and records its adapter', (t) => {
    const r = cxr('backends', '--json');
    assert.equal(r.status, 0, r.stderr);
    const { probes, auto } = JSON.parse(r.stdout) as { probes: BackendProbe[]; auto: string };
    assert.deepEqual(
      probes.map((p) => p.backend),
      ['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm', 'cpu'],
    );
    assert.deepEqual(
      probes.filter((p) => p.backend === 'wasm' || p.backend === 'cpu').map((p) => p.loads),
      [true, true],
    );
    const webgpu = probes.find((p) => p.backend === 'webgpu')!;
    if (!webgpu.adapter?.software) assert.ok(['tensorflow-gpu', 'tensorflow', 'webgpu', 'wasm'].includes(auto), auto);
    else assert.notEqual(auto, 'webgpu', 'auto never picks a software adapter');
    if (!webgpu.loads) {
      if (process.env['CXR_REQUIRE_SERVICES'] === '1') assert.fail(`CXR_REQUIRE_SERVICES=1 and webgpu does not start: ${webgpu.reason}`);
      return t.skip(`webgpu does not start here: ${webgpu.reason}`);
    }

    const db = join(tmp.dir, 'webgpu.db');
    const run = cxr('train', '--preset', 'smoke', '--backend', 'webgpu', '--db', db, '--json');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^backend: webgpu on /m);
    const out = JSON.parse(run.stdout) as { status: string; backend: string; test: Record<string, number> };
    assert.deepEqual([out.status, out.backend], ['done', 'webgpu']);
    assert.ok(Number.isFinite(out.test['macro_auc_roc']), JSON.stringify(out.test));
    const store = new Database(db, { readonly: true });
    try {
      const row = store.prepare('SELECT backend, package_versions FROM runs').get() as { backend: string; package_versions: string };
      const versions = JSON.parse(row.package_versions) as Record<string, string>;
      assert.equal(row.backend, 'webgpu');
      assert.match(versions['webgpu adapter']!, new RegExp(`^${webgpu.adapter!.device || webgpu.adapter!.description}`));
      assert.equal(versions['@tensorflow/tfjs-backend-webgpu'], '4.22.0');
    } finally {
      store.close();
    }
  });
});
