// Runs the same computation on a named tfjs backend and returns plain arrays, so results of two
// backends can be compared (tests, the bench's loss check). Restores the previous backend.
import * as tf from '@tensorflow/tfjs';

/**
 * Switches to `backend`, runs `fn` inside tf.tidy, downloads every returned tensor as a
 * Float32Array, and switches back. The backend must already be registered and started once
 * (see selectBackend). Throws whatever `fn` throws.
 * @example await runOnBackend('cpu', () => [tf.add(1, 2)]) // -> [Float32Array [3]]
 */
export async function runOnBackend(backend: string, fn: () => tf.Tensor[]): Promise<Float32Array[]> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  try {
    const outs = tf.tidy(fn);
    try {
      // Async reads: the webgpu backend cannot read synchronously under Node.
      return await Promise.all(outs.map(async (t) => (await t.data()) as Float32Array));
    } finally {
      tf.dispose(outs);
    }
  } finally {
    await tf.setBackend(previous);
  }
}
