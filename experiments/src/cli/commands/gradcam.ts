/**
 * `cxr gradcam --run RUN_ID [--label NAME] [--images N] [--min-prob 0.9] [--out DIR] [--db PATH]`:
 * Grad-CAM overlays of a finished run's test images, selected as the thesis' Figure 6 (a single
 * positive label, predicted probability >= 0.9), N per label, plus gallery.html beside the PNGs.
 * On the phantom, each caption also gives the share of the map inside the finding's drawn region,
 * and the command prints its mean per label.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_PHANTOM_SPEC, findingRegion, PHANTOM_LABELS, planPhantomDataset, type PhantomLabel, type PhantomParams } from '@cxr/data';
import { gradCam, massInRegion } from '@cxr/models';
import { openResultsStore, type ResultsStore } from '@cxr/results';
import { loadRunDataset, loadRunModel, prepareRunData, runEvalBatches, selectBackend, type RunConfig } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { CliArgumentError } from '../parse-seed.ts';
import { renderGalleryPage, type GalleryEntry } from '../../gradcam/gallery-page.ts';
import { overlayHeatmap } from '../../gradcam/overlay-heatmap.ts';
import { selectCases } from '../../gradcam/select-cases.ts';
import { dbOption, dbPath, noDatabase, parseRunId, requireRunIn } from './db.ts';

interface GradcamArgs {
  db?: string;
  run: string;
  label?: string;
  images: number;
  minProb: number;
  layer?: string;
  out?: string;
  dataDir?: string;
  dataRoot: string;
}

/** The phantom parameters of each record (by image id), when the run read a generated phantom set. */
async function phantomParamsById(config: RunConfig, dataDir: string): Promise<Map<string, PhantomParams> | null> {
  if (config.dataset.name !== 'phantom') return null;
  const manifestPath = join(dataDir, 'phantom-manifest.json');
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { images?: number; seed?: number; spec?: unknown };
  if (typeof manifest.images !== 'number' || typeof manifest.seed !== 'number') return null;
  const spec = (manifest.spec ?? DEFAULT_PHANTOM_SPEC) as typeof DEFAULT_PHANTOM_SPEC;
  const plan = planPhantomDataset({ images: manifest.images, seed: manifest.seed, spec });
  return new Map(plan.rows.map((r) => [r.imageId, r.params]));
}

/** Min-max scaled first channel of a preprocessed image, for display. */
function displayGray(x: tf.Tensor4D): Float32Array {
  const v = tf.tidy(() => x.slice([0, 0, 0, 0], [1, -1, -1, 1]).dataSync() as Float32Array);
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of v) {
    lo = Math.min(lo, a);
    hi = Math.max(hi, a);
  }
  return v.map((a) => (hi > lo ? (a - lo) / (hi - lo) : 0));
}

/**
 * Writes the run's Grad-CAM PNGs and gallery.html to `out`; returns the gallery entries.
 *
 * @throws CliArgumentError for a run without a kept model, an unknown label, or no image passing the filter.
 */
export async function writeRunGradcams(
  store: ResultsStore,
  runId: number,
  a: Omit<GradcamArgs, 'db' | 'run'>,
  out: string,
): Promise<GalleryEntry[]> {
  const run = store.getRun(runId);
  const predictions = store.getPredictions(runId, 'test');
  const cases = selectCases(predictions, {
    ...(a.label !== undefined ? { label: a.label } : {}),
    perLabel: a.images,
    minProbability: a.minProb,
  });
  const { model, config: stored } = await loadRunModel(store, runId);
  try {
    const config = a.dataDir ? { ...stored, dataset: { ...stored.dataset, dataDir: resolve(a.dataDir) } } : stored;
    const dataset = await loadRunDataset(config, a.dataRoot);
    if (dataset.fingerprint !== run.datasetFingerprint) {
      throw new CliArgumentError(
        `cxr gradcam: the data read from ${dataset.dataDir} is not the data run ${runId} trained on (fingerprint differs); pass --data-dir`,
      );
    }
    const data = await prepareRunData(config, run.seed, dataset, join(a.dataRoot, 'cache'));
    const params = await phantomParamsById(config, dataset.dataDir);
    await mkdir(out, { recursive: true });
    const entries: GalleryEntry[] = [];
    let layerName = '';
    for (const c of cases) {
      const record = dataset.records[data.split.test[c.row]!]!;
      const [batch] = [...runEvalBatches({ ...config, evalBatchSize: 1 }, data, [data.split.test[c.row]!])];
      const x = batch!.xs;
      const cam = gradCam(model, x, c.labelIndex, a.layer ? { layerName: a.layer } : {});
      layerName = cam.layerName;
      const gray = displayGray(x);
      tf.dispose([batch!.xs, batch!.ys, ...(batch!.mask ? [batch!.mask] : [])]);
      const p = params?.get(record.imageId);
      const isPhantomLabel = (PHANTOM_LABELS as readonly string[]).includes(c.label);
      const drawn =
        p && isPhantomLabel && p.findings[c.label as PhantomLabel] ? findingRegion(p, c.label as PhantomLabel, cam.width) : null;
      // a finding with no drawn signature ('unchanged') has no region to judge the map against
      const mask = drawn && drawn.some((v) => v > 0) ? drawn : null;
      const file = `${entries.length + 1}-${c.label.replace(/[^a-z0-9]+/gi, '-')}.png`;
      await writeFile(join(out, file), await overlayHeatmap(gray, cam.map, cam.width));
      entries.push({
        file,
        label: c.label,
        probability: c.probability,
        runId,
        imageId: record.imageId,
        massInRegion: mask ? massInRegion(cam.map, mask) : null,
        regionShare: mask ? mask.reduce((sum, v) => sum + (v > 0 ? 1 : 0), 0) / mask.length : null,
      });
    }
    await writeFile(
      join(out, 'gallery.html'),
      renderGalleryPage(`Grad-CAM, run ${runId} (${run.experiment} ${run.label}, seed ${run.seed}), feature map ${layerName}`, entries),
    );
    return entries;
  } finally {
    model.dispose();
  }
}

/**
 * Per label (in first-seen order), the mean share of the map's mass inside the finding's region
 * over the entries where it is known, beside the mean share of the image the region covers (the
 * mass a uniform map would put there), so a reader can tell focus from chance.
 *
 * @example meanMassByLabel(entries) // [{ label: 'cardiomegaly', mean: 0.06, regionShare: 0.04, n: 7 }]
 */
export function meanMassByLabel(entries: GalleryEntry[]): { label: string; mean: number; regionShare: number; n: number }[] {
  const out: { label: string; mean: number; regionShare: number; n: number }[] = [];
  for (const label of [...new Set(entries.map((e) => e.label))]) {
    const known = entries.filter((e) => e.label === label && e.massInRegion !== null && !Number.isNaN(e.massInRegion));
    if (known.length === 0) continue;
    const mean = (pick: (e: GalleryEntry) => number) => known.reduce((s, e) => s + pick(e), 0) / known.length;
    out.push({ label, mean: mean((e) => e.massInRegion!), regionShare: mean((e) => e.regionShare ?? Number.NaN), n: known.length });
  }
  return out;
}

const command: CliCommand = {
  module: {
    command: 'gradcam',
    describe: "Grad-CAM overlays of a run's test images (single positive label, probability >= --min-prob) and a gallery page",
    builder: (y) =>
      y
        .option('run', { type: 'string', demandOption: true, describe: 'Run id (cxr db runs lists them)' })
        .option('label', { type: 'string', describe: 'Only this label (default: every label of the run)' })
        .option('images', { type: 'number', default: 4, describe: 'Images per label' })
        .option('min-prob', { type: 'number', default: 0.9, describe: 'Smallest predicted probability of the positive label' })
        .option('layer', {
          type: 'string',
          describe: 'Layer whose feature map is weighted (default: the last 4-D map larger than 1x1)',
        })
        .option('out', { type: 'string', describe: 'Output folder (default reports/<experiment>/gradcam/run-<id>/)' })
        .option('data-dir', {
          type: 'string',
          describe: "The run's dataset folder, for a real dataset (the store keeps configs without it)",
        })
        .option('data-root', { type: 'string', default: 'data', describe: 'Root of generated data and the image cache' })
        .option('db', dbOption),
    handler: async (argv) => {
      const a = argv as unknown as GradcamArgs;
      const runId = parseRunId('gradcam', a.run);
      const path = dbPath({ ...(a.db !== undefined ? { db: a.db } : {}), json: false });
      if (!existsSync(path)) throw noDatabase(path);
      // Grad-CAM reads its maps synchronously, which webgpu cannot under Node: wasm instead.
      if ((await selectBackend('auto')).backend === 'webgpu') await selectBackend('wasm');
      const store = openResultsStore({ path, readonly: true });
      try {
        requireRunIn(store, runId);
        const run = store.getRun(runId);
        const out = a.out ?? join('reports', run.experiment, 'gradcam', `run-${runId}`);
        const entries = await writeRunGradcams(store, runId, a, out);
        console.log(`${entries.length} Grad-CAM overlays and gallery.html written to ${out}`);
        for (const m of meanMassByLabel(entries))
          console.log(
            `${m.label}: mean mass in the finding's region ${(100 * m.mean).toFixed(1)} %, where the region covers ${(100 * m.regionShare).toFixed(1)} % of the image (${m.n} images)`,
          );
      } finally {
        store.close();
      }
    },
  },
};

export default command;
