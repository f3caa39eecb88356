import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
 * @example await writeCheckpoint('results.db.checkpoints/1', 'ab12', checkpoint)
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
 * @example const ckpt = await readCheckpoint('results.db.checkpoints/1', 'ab12') // undefined on a first start
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

/** What runCheckpoint needs of the results store (ResultsStore has it). */
export interface CheckpointStore {
  /** The database file's absolute path (':memory:' for an in-memory store). */
  readonly path: string;
  /** The store's own identity (ResultsStore.identity). */
  readonly identity: string;
  readonly inMemory: boolean;
}

/**
 * The checkpoint location of a run, which belongs to the database that holds the run: folder
 * `<database file>.checkpoints/<run id>` beside the database (an in-memory store, which has no
 * file: `<weightsRoot>/checkpoints/memory-<store identity>/<run id>`); identity = the first 16 hex
 * digits of SHA-256(`storeIdentity:runId:configHash:datasetFingerprint:seed:backend`). So another
 * database - in the same folder, made fresh, or a copy under another name - never resumes or
 * removes this run's checkpoints, and a resume finds only checkpoints of the same run, store and
 * backend (see setAsideForeignCheckpoint for a folder holding another's).
 *
 * @example runCheckpoint(store, { runId: 1, configHash, datasetFingerprint, seed: 1, backend: 'wasm' }, 'weights').dir // '/work/results.db.checkpoints/1'
 */
export function runCheckpoint(
  store: CheckpointStore,
  run: { runId: number; configHash: string; datasetFingerprint: string; seed: number; backend: string },
  weightsRoot: string,
): CheckpointLocation {
  const identity = createHash('sha256')
    .update(`${store.identity}:${run.runId}:${run.configHash}:${run.datasetFingerprint}:${run.seed}:${run.backend}`)
    .digest('hex')
    .slice(0, 16);
  const dir = store.inMemory
    ? join(weightsRoot, 'checkpoints', `memory-${store.identity}`, String(run.runId))
    : join(dirname(store.path), `${basename(store.path)}.checkpoints`, String(run.runId));
  return { dir, identity };
}

/**
 * When the run's checkpoint folder holds a readable checkpoint with another identity (left by a
 * database since deleted and made anew under the same name, or by an attempt of this run on
 * another backend), moves the folder aside to `<dir>.foreign-<its identity>[-n]` - nothing is
 * deleted - and returns the new path, so the run starts from epoch 1 instead of resuming
 * someone else's state; undefined when there is nothing to move (no checkpoint, or its own).
 *
 * @example await setAsideForeignCheckpoint('results.db.checkpoints/1', 'ab12...') // undefined on a first start
 */
export async function setAsideForeignCheckpoint(dir: string, identity: string): Promise<string | undefined> {
  const found = await checkpointIdentity(dir);
  if (found === undefined || found === identity) return undefined;
  let target = `${dir}.foreign-${found}`;
  for (let n = 2; existsSync(target); n++) target = `${dir}.foreign-${found}-${n}`;
  await rename(dir, target);
  return target;
}

/** The identity recorded in the latest checkpoint of `dir`; undefined without a readable one. */
async function checkpointIdentity(dir: string): Promise<string | undefined> {
  try {
    const { checkpoint } = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as { checkpoint: string };
    const manifest = JSON.parse(await readFile(join(dir, checkpoint, 'manifest.json'), 'utf8')) as { identity?: unknown };
    return typeof manifest.identity === 'string' ? manifest.identity : undefined;
  } catch {
    return undefined; // none yet, or damaged: readCheckpoint reports the damage
  }
}
