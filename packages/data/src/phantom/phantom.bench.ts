/**
 * Phantom generation speed (issue 5: 5,000 images at 128x128 in under a minute on one core).
 * Times plan + render + 16-bit PNG encode of 5,000 images in memory (no disk, so the figure is the
 * generator's, not the file system's), then a full writePhantomDataset to a temp folder.
 * Pass --runs N (default 3) for the median of N in-memory runs; --quick for 500 images.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planPhantomDataset } from './plan.ts';
import { renderPhantom } from './render.ts';
import { DEFAULT_PHANTOM_SPEC } from './spec.ts';
import { encodePhantomPng, writePhantomDataset } from './write-dataset.ts';

const quick = process.argv.includes('--quick');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const images = quick ? 500 : 5000;
const size = 128;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

const times: number[] = [];
let renderMs = 0;
let encodeMs = 0;
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  const plan = planPhantomDataset({ images, seed: r, spec: DEFAULT_PHANTOM_SPEC });
  renderMs = 0;
  encodeMs = 0;
  let bytes = 0;
  for (const row of plan.rows) {
    const t0 = performance.now();
    const img = renderPhantom(row.params, size);
    const t1 = performance.now();
    bytes += encodePhantomPng(img, size).length;
    encodeMs += performance.now() - t1;
    renderMs += t1 - t0;
  }
  times.push((performance.now() - start) / 1000);
  if (bytes === 0) throw new Error('no bytes encoded');
}
const med = median(times);
console.log(`phantom: ${images} images at ${size}x${size}, plan+render+encode in memory, one core`);
console.log(
  `  median of ${runs} runs: ${med.toFixed(1)} s (${(images / med).toFixed(0)} images/s; runs ${times.map((t) => t.toFixed(1)).join(', ')} s)`,
);
console.log(`  last run split: render ${(renderMs / images).toFixed(2)} ms/image, encode ${(encodeMs / images).toFixed(2)} ms/image`);

const dir = mkdtempSync(join(tmpdir(), 'cxr-phantom-bench-'));
try {
  const start = performance.now();
  await writePhantomDataset({ outDir: join(dir, 'set'), images, size, seed: 0 });
  const s = (performance.now() - start) / 1000;
  console.log(`  writePhantomDataset to disk (1 run): ${s.toFixed(1)} s (${(images / s).toFixed(0)} images/s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
