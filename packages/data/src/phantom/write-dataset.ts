/**
 * Writes a phantom dataset to disk in one dataset's layout (PadChest's by default, or ChestX-ray14's
 * or CheXpert-v1.0-small's; see layout.ts): the layout's label CSV and list files, 16-bit grayscale
 * PNGs where that layout keeps its images, and a manifest. Plan and render are common to all layouts. Everything is built in a sibling temp folder and renamed into place at the end,
 * so a half-written set never looks complete; a complete set with the same parameters is reused.
 * The temp folder is named after its writer (`.<name>.tmp-<pid>...`, see @cxr/core's tempPathFor):
 * one left by a writer that is gone (kill -9, a crash) is removed when the next generation starts,
 * and one being written is removed when SIGINT/SIGTERM/SIGHUP ends the process or it exits early.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'fast-png';
import { removeAbandonedTemps, tempPathFor } from '@cxr/core';
import { DataArgumentError } from '../errors.ts';
import type { PhantomLayout } from './layout.ts';
import { phantomLayoutSpec, phantomLayoutWriter, planPhantomLayout } from './layouts.ts';
import { renderPhantom } from './render.ts';
import { PHANTOM_LABEL_SETS, type PhantomSpec } from './spec.ts';

export { PHANTOM_TRUTH_NAME } from './padchest-layout.ts';

/** Bumped on deliberate format changes; code changes are caught by `generatorCodeHash` as well. */
export const PHANTOM_GENERATOR_VERSION = 1;

/**
 * SHA-256 of this folder's production sources, so a set written by older rendering code is never
 * mistaken for a current one (Nx re-runs the target on a code change but leaves old outputs there).
 */
function generatorCodeHash(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256');
  for (const name of readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.bench.ts'))
    .sort()) {
    hash.update(name).update(readFileSync(join(here, name)));
  }
  return hash.digest('hex');
}

/** The manifest file; its presence marks a complete set. */
export const PHANTOM_MANIFEST_NAME = 'phantom-manifest.json';

/** Options of `writePhantomDataset`. */
export interface WritePhantomOptions {
  outDir: string;
  images: number;
  size: number;
  seed: number;
  /** Overrides merged over DEFAULT_PHANTOM_SPEC. */
  spec?: Partial<PhantomSpec>;
  labels?: string;
  /** The dataset layout written; default 'padchest'. The layout's own spec settings win over `spec`'s. */
  layout?: PhantomLayout;
  /** Called after each image with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** What `writePhantomDataset` did. */
export interface WritePhantomResult {
  outDir: string;
  csvPath: string;
  /** True when a complete set with the same parameters was already there. */
  reused: boolean;
  images: number;
  patients: number;
  studies: number;
  projections: Record<string, number>;
  /** SHA-256 of the manifest's parameters. */
  key: string;
}

interface Manifest {
  generator: 'cxr-ablate phantom';
  version: number;
  images: number;
  size: number;
  seed: number;
  labels: string;
  /** Absent for the PadChest layout (manifests written before the other layouts existed have none). */
  layout?: PhantomLayout;
  spec: PhantomSpec;
  key: string;
  patients: number;
  studies: number;
  projections: Record<string, number>;
  csv: string;
}

/** Encodes intensities in [0, 1] as a 16-bit grayscale PNG (deterministic bytes). */
export function encodePhantomPng(image: Float32Array, size: number): Uint8Array {
  const data = new Uint16Array(image.length);
  for (let i = 0; i < image.length; i++) data[i] = Math.round(image[i]! * 65535);
  // Stored (level 0) deflate: quantum noise fills the low bits, so compression saves about 5 %
  // of the bytes at four times the encoding time.
  return encode({ width: size, height: size, data, depth: 16, channels: 1 }, { zlib: { level: 0 } });
}

function readManifest(dir: string): Manifest | undefined {
  const file = join(dir, PHANTOM_MANIFEST_NAME);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return undefined; // an unreadable manifest means an incomplete set: rebuild it
  }
}

/**
 * Generates and writes the phantom dataset; see the module comment for the layout.
 * Cost: about 5 ms per 128x128 image on one core (render + PNG encode).
 *
 * Throws DataArgumentError for a bad images/size/seed/labels/layout/spec argument.
 * @example await writePhantomDataset({ outDir: 'data/phantom', images: 3000, size: 128, seed: 0 })
 *   // { reused: false, images: 3000, csvPath: 'data/phantom/PADCHEST_..._01.02.19.csv', ... }
 */
export async function writePhantomDataset(options: WritePhantomOptions): Promise<WritePhantomResult> {
  const fn = 'writePhantomDataset';
  const { images, size, seed } = options;
  const labels = options.labels ?? 'padchest10';
  const layout = options.layout ?? 'padchest';
  const writer = phantomLayoutWriter(layout, fn);
  if (!(PHANTOM_LABEL_SETS as readonly string[]).includes(labels))
    throw new DataArgumentError(fn, 'labels', `one of [${PHANTOM_LABEL_SETS.join(', ')}]`, labels);
  if (!Number.isInteger(images) || images < 1) throw new DataArgumentError(fn, 'images', 'an integer >= 1', images);
  if (!Number.isInteger(size) || size < 16 || size > 2048) throw new DataArgumentError(fn, 'size', 'an integer in [16, 2048]', size);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new DataArgumentError(fn, 'seed', 'a non-negative safe integer', seed);
  if (typeof options.outDir !== 'string' || options.outDir === '')
    throw new DataArgumentError(fn, 'outDir', 'a directory path', options.outDir);
  const spec = phantomLayoutSpec(layout, options.spec);
  const outDir = resolve(options.outDir);
  // The PadChest layout keeps the key's old fields, so only a code change moves its key.
  const keyed = { version: PHANTOM_GENERATOR_VERSION, code: generatorCodeHash(), images, size, seed, labels, spec };
  const key = createHash('sha256')
    .update(JSON.stringify(layout === 'padchest' ? keyed : { ...keyed, layout, risk: writer.risk ?? null }))
    .digest('hex');
  const csvPath = join(outDir, writer.csv);

  const reusedFrom = (existing: Manifest): WritePhantomResult => ({
    outDir,
    csvPath,
    reused: true,
    images,
    patients: existing.patients,
    studies: existing.studies,
    projections: existing.projections,
    key,
  });
  const existing = readManifest(outDir);
  if (existing && existing.key === key) return reusedFrom(existing);

  const plan = planPhantomLayout(layout, { images, seed, spec });
  const output = writer.write(plan, size, seed);
  const tmpTarget = join(dirname(outDir), `.${basename(outDir)}`);
  removeAbandonedTemps(tmpTarget);
  const tmp = tempPathFor(tmpTarget);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const removeTmpOnExit = removeOnExit(tmp);
  try {
    const projections: Record<string, number> = {};
    const made = new Set<string>();
    let lastYield = performance.now();
    for (const [i, image] of output.images.entries()) {
      projections[image.params.projection] = (projections[image.params.projection] ?? 0) + 1;
      const file = join(tmp, ...image.path.split('/'));
      const dir = dirname(file);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(file, encodePhantomPng(renderPhantom(image.params, size), size));
      options.onProgress?.(i + 1, output.images.length);
      // Yield about every 50 ms so progress output and signals get through (a pending signal's
      // handler can take two turns of the event loop to run).
      if (performance.now() - lastYield > 50) {
        await new Promise((r) => setImmediate(r));
        lastYield = performance.now();
      }
    }
    for (const f of output.files) {
      const file = join(tmp, ...f.path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, f.text);
    }
    const manifest: Manifest = {
      generator: 'cxr-ablate phantom',
      version: PHANTOM_GENERATOR_VERSION,
      images,
      size,
      seed,
      labels,
      ...(layout === 'padchest' ? {} : { layout }),
      spec,
      key,
      patients: plan.patients,
      studies: plan.studies,
      projections,
      csv: writer.csv,
    };
    writeFileSync(join(tmp, PHANTOM_MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
    // Another process (a second cxr train or sweep worker) may have finished the same set while
    // this one rendered: keep its folder, which a run may already be reading, and drop ours.
    const finished = readManifest(outDir);
    if (finished && finished.key === key) {
      rmSync(tmp, { recursive: true, force: true });
      return reusedFrom(finished);
    }
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(dirname(outDir), { recursive: true });
    try {
      renameSync(tmp, outDir);
    } catch (error) {
      const raced = readManifest(outDir);
      if (!raced || raced.key !== key) throw error;
      rmSync(tmp, { recursive: true, force: true });
      return reusedFrom(raced);
    }
    return {
      outDir,
      csvPath,
      reused: false,
      images,
      patients: plan.patients,
      studies: plan.studies,
      projections,
      key,
    };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  } finally {
    removeTmpOnExit.dispose();
  }
}

const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Temp folders being written by this process; the handlers below are installed while it is not empty. */
const writing = new Set<string>();

function removeWriting(): void {
  for (const dir of writing) rmSync(dir, { recursive: true, force: true });
}

function onEndingSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return; // the process handles it itself; 'exit' still cleans up
  removeWriting();
  writing.clear();
  uninstall();
  process.kill(process.pid, signal); // no listener now: the signal's default action ends the process
}

function uninstall(): void {
  process.off('exit', removeWriting);
  for (const s of ENDING_SIGNALS) process.off(s, onEndingSignal);
}

/**
 * While a temp folder is written: removes it when the process exits (process.exit included) and
 * when SIGINT, SIGTERM or SIGHUP would end the process. A signal nobody else listens to would kill
 * the process by default; the handler removes the folder, takes itself off and raises the signal
 * again, so the process still ends as the signal says (exit 130 / 143 / 129 in a shell). When the
 * process has its own handler for the signal (cxr train's interrupts), that handler decides and the
 * folder goes at exit. No handler stays installed once no folder is being written, so none keeps
 * a process alive or changes what a later signal does.
 */
function removeOnExit(dir: string): { dispose(): void } {
  if (writing.size === 0) {
    process.on('exit', removeWriting);
    for (const s of ENDING_SIGNALS) process.on(s, onEndingSignal);
  }
  writing.add(dir);
  return {
    dispose: () => {
      if (writing.delete(dir) && writing.size === 0) uninstall();
    },
  };
}
