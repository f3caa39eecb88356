import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { removeAbandonedTemps, tempPathFor } from '@cxr/core';
import { saveModelTo } from '@cxr/models';
import type { RunModelMeta } from './run-model-dir.ts';

/** File name of the saved model's identity and preprocessing, beside model.json and weights.bin. */
export const RUN_MODEL_META_FILE = 'meta.json';

/**
 * Saves `model` (topology and its current weights: call it once fit has restored the best ones)
 * with `meta` to `dir`, whole or not at all: everything is written to a temp folder named after
 * this process, which then replaces `dir` (an earlier attempt's folder is moved aside first and
 * removed after), so a reader finds the old model or the new one, never a mix.
 *
 * @throws the file system's error when the folder cannot be written (the temp folder is removed).
 * @example await saveRunModel(runModelDir(store, 3), model, meta) // results.db.models/3/{model.json,weights.bin,meta.json}
 */
export async function saveRunModel(dir: string, model: tf.LayersModel, meta: RunModelMeta): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  removeAbandonedTemps(dir);
  const temp = tempPathFor(dir);
  const old = tempPathFor(dir, 'replaced');
  try {
    await rm(temp, { recursive: true, force: true });
    await saveModelTo(model, temp); // meta.json is the one record of whose weights these are
    await writeFile(join(temp, RUN_MODEL_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
    if (existsSync(dir)) await rename(dir, old);
    await rename(temp, dir);
  } catch (error) {
    if (!existsSync(dir) && existsSync(old)) await rename(old, dir); // keep the earlier model rather than none
    throw error;
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rm(old, { recursive: true, force: true });
  }
}
