/** How many workers a sweep runs when --workers is not given. */
import { availableParallelism } from 'node:os';

/**
 * One worker per core for the single-threaded backends (wasm runs without threads under Node, and
 * the pure-JS cpu backend is single-threaded too), else 1: a native TensorFlow backend uses every
 * core, or the GPU, on its own.
 *
 * @example defaultWorkerCount('wasm', 2) // 2
 * @example defaultWorkerCount('tensorflow-gpu', 16) // 1
 */
export function defaultWorkerCount(backend: string, cores: number = availableParallelism()): number {
  return backend === 'wasm' || backend === 'cpu' ? Math.max(1, cores) : 1;
}
