import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainStateError } from '../errors.ts';
import type { AdamState } from '../optim/grouped-adam.ts';
import type { EarlyStoppingState } from '../schedule/early-stopping.ts';
import type { PlateauState } from '../schedule/plateau.ts';

/** One finished epoch, as recorded in results.db and kept in the checkpoint. */
export interface EpochRow {
  /** 1-based. */
  epoch: number;
  trainLoss: number;
  valLoss: number;
  metrics: Record<string, number>;
  learningRates: { head: number; backbone: number };
  seconds: number;
}

/** Everything besides tensors that a resumed fit needs. */
export interface TrainingState {
  epochsDone: number;
  stepsDone: number;
  plateau: PlateauState;
  earlyStopping: EarlyStoppingState;
  history: EpochRow[];
}

/** A checkpoint: training state, current weights, best weights so far and optimiser moments. */
export interface Checkpoint {
  state: TrainingState;
  weights: Float32Array[];
  best: Float32Array[] | null;
  optimizer: AdamState;
}

const FORMAT = 'cxr-train-checkpoint/1';

interface Manifest {
  format: string;
  identity: string;
  state: TrainingState;
  weights: number[];
  best: number[] | null;
  slots: { key: string; step: number; shape: number[] }[];
  bytes: number;
}

/**
 * Writes a checkpoint atomically: the files go to a temporary folder that is renamed to
 * `ckpt-<epochs>` when complete, then `latest.json` (written to a temp name and renamed) points at
 * it and older checkpoints are removed. A crash at any moment leaves the previous checkpoint
 * readable. `identity` (the run's hash) is stored and checked on read.
 *
 * @example await writeCheckpoint('weights/checkpoints/ab12', 'ab12', checkpoint)
 */
export async function writeCheckpoint(dir: string, identity: string, ckpt: Checkpoint): Promise<void> {
  await mkdir(dir, { recursive: true });
  const name = `ckpt-${ckpt.state.epochsDone}`;
  const tmp = join(dir, `${name}.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  const arrays = [...ckpt.weights, ...(ckpt.best ?? []), ...ckpt.optimizer.slots.flatMap((s) => [s.m, s.v])];
  const bytes = arrays.reduce((a, x) => a + x.byteLength, 0);
  const manifest: Manifest = {
    format: FORMAT,
    identity,
    state: ckpt.state,
    weights: ckpt.weights.map((w) => w.length),
    best: ckpt.best ? ckpt.best.map((w) => w.length) : null,
    slots: ckpt.optimizer.slots.map((s) => ({ key: s.key, step: s.step, shape: s.shape })),
    bytes,
  };
  await writeFile(join(tmp, 'tensors.bin'), Buffer.concat(arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));
  await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest, encodeNonFinite));
  await rm(join(dir, name), { recursive: true, force: true });
  await rename(tmp, join(dir, name));
  const latestTmp = join(dir, `latest.json.tmp-${process.pid}`);
  await writeFile(latestTmp, JSON.stringify({ checkpoint: name }));
  await rename(latestTmp, join(dir, 'latest.json'));
  for (const entry of await readdir(dir)) {
    if (entry.startsWith('ckpt-') && entry !== name) await rm(join(dir, entry), { recursive: true, force: true });
  }
}

/**
 * Reads the latest checkpoint of `dir`; undefined when there is none yet.
 *
 * @throws TrainStateError when the checkpoint belongs to another run or its files are damaged.
 * @example const ckpt = await readCheckpoint('weights/checkpoints/ab12', 'ab12') // undefined on a first start
 */
export async function readCheckpoint(dir: string, identity: string): Promise<Checkpoint | undefined> {
  const latestPath = join(dir, 'latest.json');
  if (!existsSync(latestPath)) return undefined;
  const { checkpoint } = JSON.parse(await readFile(latestPath, 'utf8')) as { checkpoint: string };
  const folder = join(dir, checkpoint);
  let manifest: Manifest;
  let buf: Buffer;
  try {
    manifest = JSON.parse(await readFile(join(folder, 'manifest.json'), 'utf8'), decodeNonFinite) as Manifest;
    buf = await readFile(join(folder, 'tensors.bin'));
  } catch (error) {
    throw new TrainStateError('readCheckpoint', `${folder} is unreadable: ${(error as Error).message}`);
  }
  if (manifest.format !== FORMAT)
    throw new TrainStateError('readCheckpoint', `${folder}: format ${JSON.stringify(manifest.format)}, expected ${FORMAT}`);
  if (manifest.identity !== identity)
    throw new TrainStateError('readCheckpoint', `${folder} belongs to run ${manifest.identity}, not ${identity}`);
  if (buf.byteLength !== manifest.bytes)
    throw new TrainStateError('readCheckpoint', `${folder}/tensors.bin has ${buf.byteLength} bytes, the manifest says ${manifest.bytes}`);
  let offset = 0;
  const take = (n: number): Float32Array => {
    const out = new Float32Array(n);
    new Uint8Array(out.buffer).set(buf.subarray(offset, offset + n * 4));
    offset += n * 4;
    return out;
  };
  const weights = manifest.weights.map(take);
  const best = manifest.best ? manifest.best.map(take) : null;
  const slots = manifest.slots.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const m = take(n);
    const v = take(n);
    return { ...s, m, v };
  });
  return { state: manifest.state, weights, best, optimizer: { slots } };
}

/** Removes a run's checkpoints (after the run is finished and recorded). */
export async function removeCheckpoints(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

// JSON has no NaN or Infinity (a validation AUC is NaN when a label has no positives); keep them exact.
function encodeNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;
}

function decodeNonFinite(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$number' in value) return Number((value as { $number: string }).$number);
  return value;
}

/** Where a run's checkpoints live and the identity they must carry. */
export interface CheckpointLocation {
  dir: string;
  identity: string;
}

/**
 * The checkpoint location of a run: identity = the first 16 hex digits of
 * SHA-256(`configHash:datasetFingerprint:seed:backend`), folder `<weightsRoot>/checkpoints/<identity>`,
 * so a resume finds only checkpoints of the same run on the same backend.
 *
 * @example runCheckpoint('weights', { configHash, datasetFingerprint, seed: 1, backend: 'wasm' }).dir // 'weights/checkpoints/3f0c...'
 */
export function runCheckpoint(
  weightsRoot: string,
  run: { configHash: string; datasetFingerprint: string; seed: number; backend: string },
): CheckpointLocation {
  const identity = createHash('sha256')
    .update(`${run.configHash}:${run.datasetFingerprint}:${run.seed}:${run.backend}`)
    .digest('hex')
    .slice(0, 16);
  return { dir: join(weightsRoot, 'checkpoints', identity), identity };
}
