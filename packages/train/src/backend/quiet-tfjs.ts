// tfjs prints one line of its own in Node: the cpu backend's "Hi, looks like you are running
// TensorFlow.js in Node.js ... install our node backend" banner, on its first tensor write when no
// tfjs-node is loaded. This turns exactly that banner off.
import * as tf from '@tensorflow/tfjs';

/**
 * Silences tfjs' Node banner (printed by @tensorflow/tfjs-backend-cpu on the first write of a
 * tensor, under tfjs-core's IS_NODE flag), so every command's stderr carries only our own lines.
 * tfjs has no switch for the banner alone: its IS_TEST and PROD flags silence every tfjs warning,
 * among them "Initialization of backend wasm failed" with its reason, and IS_TEST also turns on a
 * memory-leak check around every kernel. So the cpu backend is created now (cheap: no tensors)
 * and marked as already used. Idempotent; harmless if a later tfjs drops the field (the banner
 * simply comes back). Called by selectBackend and once at the start of the `cxr` CLI.
 *
 * @example quietTfjsBanner(); await tf.setBackend('cpu'); tf.tensor([1]) // prints nothing
 */
export function quietTfjsBanner(): void {
  const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
  if (cpu && typeof cpu.firstUse === 'boolean') cpu.firstUse = false;
}
