import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { processStartTicks, tempPathFor } from '@cxr/core';
import { makeTempDir } from '@cxr/testkit';
import { writePhantomDataset } from './write-dataset.ts';

const { dir, cleanup } = makeTempDir('phantom-temps');
after(cleanup);

const tiny = { images: 60, size: 32, seed: 3 };
const temps = (root: string) => readdirSync(root).filter((n) => n.includes('.tmp-'));

describe('writePhantomDataset: temp folders', () => {
  test('removes the temp folders of dead writers when it starts, keeps those of live ones', async () => {
    const root = join(dir, 'stale');
    const target = join(root, '.set');
    mkdirSync(root, { recursive: true });
    const start = processStartTicks(process.pid);
    const dead = ['.set.tmp-4194303', ...(start === null ? [] : [`.set.tmp-${process.pid}.${start + 1}`])]; // gone; this pid, reused
    const live = [basename(tempPathFor(target, 'another-writer')), `.set.tmp-${process.ppid}`, '.other.tmp-4194303'];
    for (const name of [...dead, ...live]) {
      mkdirSync(join(root, name, '0'), { recursive: true });
      writeFileSync(join(root, name, '0', 'x.png'), 'half-written');
    }
    await writePhantomDataset({ outDir: join(root, 'set'), ...tiny });
    assert.deepEqual(temps(root).sort(), [...live].sort());
    assert.ok(existsSync(join(root, 'set', 'phantom-manifest.json')));
    assert.equal(process.listenerCount('SIGINT'), 0, 'no signal handler left behind');
    assert.equal(process.listenerCount('exit'), 0);
  });

  // A child that writes the tiny set slowly (20 ms per image, so the signal lands mid-set) and says
  // when it has begun; `ownHandler` gives it a SIGINT handler of its own, as cxr train has.
  function generateInChild(root: string, ownHandler: boolean) {
    const script = join(dir, `child-${ownHandler}.mts`);
    writeFileSync(
      script,
      [
        `import { writePhantomDataset } from ${JSON.stringify(join(import.meta.dirname, 'write-dataset.ts'))};`,
        ownHandler ? `process.on('SIGINT', () => process.exit(130));` : '',
        `const pause = new Int32Array(new SharedArrayBuffer(4));`,
        `await writePhantomDataset({ outDir: ${JSON.stringify(join(root, 'set'))}, ...${JSON.stringify(tiny)}, onProgress: (done) => {`,
        `  if (done === 1) process.stdout.write('begun\\n');`,
        `  Atomics.wait(pause, 0, 0, 20);`,
        `} });`,
        `process.stdout.write('finished\\n');`,
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('begun') && temps(root).length > 0) child.kill('SIGINT');
    });
    return { exited, output: () => out };
  }

  test('a SIGINT mid-set ends the child by SIGINT and leaves no temp folder', async () => {
    const root = join(dir, 'sigint');
    mkdirSync(root);
    const { exited, output } = generateInChild(root, false);
    assert.deepEqual(await exited, { code: null, signal: 'SIGINT' });
    assert.doesNotMatch(output(), /finished/);
    assert.deepEqual(readdirSync(root), []);
  });

  test('a process with its own SIGINT handler decides; its process.exit still removes the temp folder', async () => {
    const root = join(dir, 'own-handler');
    mkdirSync(root);
    const { exited, output } = generateInChild(root, true);
    assert.deepEqual(await exited, { code: 130, signal: null });
    assert.doesNotMatch(output(), /finished/);
    assert.deepEqual(readdirSync(root), []);
  });
});
