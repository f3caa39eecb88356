/**
 * Peak resident memory of EfficientNetB0 training at 64x64, batch 32 (issue 7.8: must stay under
 * 2 GiB): builds the model with a 256/0.3 -> 128/0.3 head and 10 logits, runs training steps with
 * both learning rates and inference passes, sampling process.memoryUsage().rss every 50 ms, and
 * checks that the tensor count is flat across "epochs". Prints the peak RSS, the wasm heap size (it
 * only grows, so it is the peak of live tensor data plus allocator slack), step time and counts.
 * `--grads tfjs` takes the gradients with tf.variableGrads instead of trainStep's leanVariableGrads,
 * to show what the latter saves (here: peak RSS 1715 vs 875 MiB, wasm heap 1501 vs 715 MiB, medians
 * of 3 runs with --steps 4). A whole `cxr train` run at this size peaks at ~1.05 GiB (1.86 GiB before).
 * Run: npx tsx packages/train/src/bench/memory.bench.ts [--backend wasm] [--steps 6] [--grads lean|tfjs]
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '@cxr/models';
import { selectBackend, type BackendName } from '../backend/index.ts';
import { weightedBce } from '../losses/losses.ts';
import type { BoundLoss } from '../losses/registry.ts';
import { GroupedAdam } from '../optim/grouped-adam.ts';
import { modelVariables } from '../step/model-variables.ts';
import { trainStep, type StepBatch } from '../step/train-step.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const backend = await selectBackend(arg('backend', 'auto') as BackendName, (l) => console.log(l));
const steps = Number(arg('steps', '6'));
const grads = arg('grads', 'lean');
if (grads !== 'lean' && grads !== 'tfjs') throw new Error(`memory.bench: --grads must be lean or tfjs, received ${grads}`);
let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);
const model = buildModel({
  backbone: 'efficientnetb0',
  inputSize: 64,
  channels: 3,
  head: '256/0.3->128/0.3',
  numClasses: 10,
  seed: 1,
  includeKerasPreprocessing: false,
});
const loss: BoundLoss = { name: 'weighted-bce', weights: null, compute: (z, y, m) => weightedBce(z, y, null, m) };
const optimizer = new GroupedAdam();
const rates = { head: 1e-3, backbone: 1e-4, weightDecay: 0, phase: 'unfrozen' } as const;
/** The step trainStep took before leanVariableGrads: tf.variableGrads, then the same update. */
const tfjsStep = (batch: StepBatch) => {
  const vars = modelVariables(model).filter((v) => v.trainable);
  const { value, grads: g } = tf.variableGrads(
    () => loss.compute(model.apply(batch.xs, { training: true }) as tf.Tensor2D, batch.ys, batch.mask),
    vars.map((v) => v.variable),
  );
  optimizer.step(
    vars.map((v) => ({
      key: v.key,
      variable: v.variable,
      gradient: g[v.variable.name]!,
      lr: v.head ? rates.head : rates.backbone,
      weightDecay: 0,
    })),
  );
  value.dataSync();
  tf.dispose([value, ...Object.values(g)]);
};
const counts: number[] = [];
const times: number[] = [];
for (let epoch = 0; epoch < 2; epoch++) {
  for (let s = 0; s < steps / 2; s++) {
    const xs = tf.randomUniform([32, 64, 64, 3], -2, 2, 'float32', epoch * 100 + s) as tf.Tensor4D;
    const ys = tf.tidy(() => tf.randomUniform([32, 10], 0, 1, 'float32', s).round()) as tf.Tensor2D;
    const t = performance.now();
    if (grads === 'lean') await trainStep(model, optimizer, loss, { xs, ys, mask: null }, rates);
    else tfjsStep({ xs, ys, mask: null });
    times.push(performance.now() - t);
    tf.dispose([xs, ys]);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const probe = tf.tidy(() => tf.sigmoid(model.apply(tf.zeros([32, 64, 64, 3]), { training: false }) as tf.Tensor));
  probe.dispose();
  counts.push(tf.memory().numTensors);
}
clearInterval(sampler);
times.sort((a, b) => a - b);
const wasmHeap =
  backend.tfBackend === 'wasm'
    ? ` (wasm heap ${((tf.backend() as unknown as { wasm: { HEAPU8: Uint8Array } }).wasm.HEAPU8.buffer.byteLength / 2 ** 20).toFixed(0)} MiB)`
    : '';
console.log(
  `memory.bench: EfficientNetB0 64x64 batch 32 on ${backend.backend}, ${grads} gradients: peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB${wasmHeap} (limit 2048 MiB), median step ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms over ${times.length} steps, tensors after each epoch ${counts.join(', ')}`,
);
if (peak >= 2 * 2 ** 30) process.exitCode = 1;
