import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import {
  applyUncertaintyPolicy,
  balancedSubset,
  balanceIndices,
  buildImageCache,
  deriveSeed,
  generatedPhantomLayout,
  loadDataset,
  patientFeatures,
  PHANTOM_MANIFEST_NAME,
  splitByPatient,
  writePhantomDataset,
  type ImageCache,
  type LoadedDataset,
} from '@cxr/data';
import { needsFolderMessage } from '../config/prerequisites.ts';
import type { RunConfig } from '../config/run-config.ts';
import { TrainConfigError } from '../errors.ts';

/**
 * Where the phantom set of a config is generated when it names no dataDir:
 * `<dataRoot>/phantom/<images>-<size>px-seed<seed>` for 'phantom' (PadChest layout), and
 * `<dataRoot>/phantom-nih/...` / `<dataRoot>/phantom-chexpert/...` for the sets in those layouts.
 * @example phantomDataDir('data', { images: 160, size: 32, seed: 7 }, 'nih') // 'data/phantom-nih/160-32px-seed7'
 */
export function phantomDataDir(
  dataRoot: string,
  phantom: RunConfig['dataset']['phantom'],
  dataset: 'phantom' | 'nih' | 'chexpert' = 'phantom',
): string {
  return join(
    dataRoot,
    dataset === 'phantom' ? 'phantom' : `phantom-${dataset}`,
    `${phantom.images}-${phantom.size}px-seed${phantom.seed}`,
  );
}

/**
 * Data phase, part 1 (before the claim, since the run's identity includes the dataset
 * fingerprint): generates the phantom set when the config asks for it and has no folder, then
 * reads the dataset through its adapter. Cheap: CSV only, no pixels.
 *
 * @throws TrainConfigError when a real dataset has no dataDir; the adapter's DataArgumentError /
 *   DataFileError for bad labels, views or files.
 * @example const ds = await loadRunDataset(presetConfig('smoke'), 'data')
 */
export async function loadRunDataset(config: RunConfig, dataRoot: string, log: (line: string) => void = () => {}): Promise<LoadedDataset> {
  const d = config.dataset;
  let dataDir = d.dataDir;
  if (dataDir === null) {
    const layout = generatedPhantomLayout(d.name);
    if (layout === undefined) throw new TrainConfigError('loadRunDataset', 'dataset.dataDir', needsFolderMessage(d.name));
    dataDir = resolve(phantomDataDir(dataRoot, d.phantom, d.name as 'phantom' | 'nih' | 'chexpert'));
    const made = await writePhantomDataset({
      outDir: dataDir,
      images: d.phantom.images,
      size: d.phantom.size,
      seed: d.phantom.seed,
      layout,
    });
    if (!made.reused)
      log(`phantom dataset: ${made.images} images of ${made.patients} patients written to ${resolve(dataDir)} (${layout} layout)`);
  }
  return readRunDataset(config, dataDir);
}

/**
 * The dataset a run of `config` would read, if it is there, without generating or writing anything
 * (a sweep's dry run and status): the config's folder, or its generated phantom set when that has
 * been written; null when the phantom set has not been generated yet. Cheap: CSV only, no pixels.
 *
 * @throws TrainConfigError when a real dataset has no dataDir; the adapter's errors for bad files.
 * @example (await peekRunDataset(presetConfig('smoke'), 'data'))?.fingerprint // null before the first smoke run
 */
export async function peekRunDataset(config: RunConfig, dataRoot: string): Promise<LoadedDataset | null> {
  const d = config.dataset;
  if (d.dataDir !== null) return readRunDataset(config, d.dataDir);
  if (generatedPhantomLayout(d.name) === undefined)
    throw new TrainConfigError('peekRunDataset', 'dataset.dataDir', needsFolderMessage(d.name));
  const dataDir = resolve(phantomDataDir(dataRoot, d.phantom, d.name as 'phantom' | 'nih' | 'chexpert'));
  return existsSync(join(dataDir, PHANTOM_MANIFEST_NAME)) ? readRunDataset(config, dataDir) : null;
}

function readRunDataset(config: RunConfig, dataDir: string): Promise<LoadedDataset> {
  const d = config.dataset;
  return loadDataset({
    dataset: d.name,
    dataDir,
    ...(d.labels ? { labels: d.labels } : {}),
    ...(d.projections ? { projections: d.projections } : {}),
    uncertain: d.uncertain,
  });
}

/** Everything the fit and evaluate phases read. */
export interface RunData {
  dataset: LoadedDataset;
  labelNames: string[];
  /** Per record, after the uncertainty policy. */
  targets: Float32Array[];
  /** Per record loss masks; null unless the policy is 'ignore'. */
  masks: Float32Array[] | null;
  split: { train: number[]; val: number[]; test: number[] };
  cache: ImageCache;
  /** Per record patient features (model.patientInputs, in that order); null for image-only models. */
  tabular: Float32Array[] | null;
}

/**
 * Data phase, part 2: the balanced subset when `dataset.subset` asks for one (drawn from the run
 * seed; RunData.dataset then holds only its records, in file order, so every record index below is
 * the subset's), uncertainty policy -> targets and masks, patient-level split (seeded by the
 * run seed or the config's fixed split seed; first- or second-order stratification as
 * `split.stratification` says), No Finding undersampling of validation and test when
 * `sampling.balance` asks, patient features when `model.patientInputs` asks, decoded image cache
 * at the configured size.
 *
 * @throws TrainConfigError when a split is empty.
 * @example const data = await prepareRunData(config, 1, ds, 'data/cache')
 */
export async function prepareRunData(config: RunConfig, seed: number, full: LoadedDataset, cacheDir?: string): Promise<RunData> {
  const { dataset, cacheFingerprint } = config.dataset.subset
    ? subsetDataset(full, config, seed)
    : { dataset: full, cacheFingerprint: full.fingerprint };
  const policy = config.dataset.uncertain;
  const targets: Float32Array[] = [];
  const masks: Float32Array[] | null = policy === 'ignore' ? [] : null;
  for (const r of dataset.records) {
    const { targets: t, mask } = applyUncertaintyPolicy(r.labels, policy);
    targets.push(t);
    masks?.push(mask);
  }
  const splitSeed = config.split.seed === 'run' ? deriveSeed(seed, 'split') : config.split.seed;
  const split = splitByPatient(dataset.records, {
    seed: splitSeed,
    fractions: { train: config.split.fractions[0], val: config.split.fractions[1], test: config.split.fractions[2] },
    ...(config.split.officialTest && dataset.officialSplit ? { officialTest: dataset.officialSplit.test } : {}),
    ...(config.split.stratification ? { stratification: config.split.stratification } : {}),
  });
  const balance = config.sampling.balance ?? null;
  // Seed 000 undersamples No Finding in every split; the training split is balanced per epoch (fit phase).
  const val = balance
    ? balanceIndices({ indices: split.val, targets, config: balance, seed: splitSeed, purpose: 'val', epoch: 0 })
    : split.val;
  const test = balance
    ? balanceIndices({ indices: split.test, targets, config: balance, seed: splitSeed, purpose: 'test', epoch: 0 })
    : split.test;
  for (const name of ['train', 'val', 'test'] as const) {
    if (split[name].length === 0) {
      throw new TrainConfigError(
        'prepareRunData',
        'split.fractions',
        `the ${name} split of ${dataset.records.length} records is empty; use more images or other fractions`,
      );
    }
  }
  const cache = await buildImageCache({
    records: dataset.records,
    fingerprint: cacheFingerprint,
    size: config.image.size,
    ...(cacheDir ? { cacheDir } : {}),
  });
  return {
    dataset,
    labelNames: dataset.labelNames,
    targets,
    masks,
    split: { train: split.train, val, test },
    cache,
    tabular: config.model.patientInputs?.length ? dataset.records.map((r) => patientFeatures(r, config.model.patientInputs!)) : null,
  };
}

/**
 * The dataset reduced to `dataset.subset`'s balanced draw (stream `subset` of deriveSeed(seed,
 * 'subset')), counted on the targets after the uncertainty policy. It keeps the full set's
 * fingerprint (the run's identity: the subset follows from it, the seed and the config); its image
 * cache is keyed by that fingerprint with the chosen image ids hashed in, a file of its own.
 */
function subsetDataset(full: LoadedDataset, config: RunConfig, seed: number): { dataset: LoadedDataset; cacheFingerprint: string } {
  const targets = full.records.map((r) => applyUncertaintyPolicy(r.labels, config.dataset.uncertain).targets);
  const keep = balancedSubset(targets, config.dataset.subset!, deriveSeed(seed, 'subset'));
  const records = keep.map((i) => full.records[i]!);
  const hash = createHash('sha256').update(full.fingerprint);
  for (const r of records) hash.update(`\n${r.imageId}`);
  return { dataset: { ...full, records }, cacheFingerprint: hash.digest('hex') };
}
