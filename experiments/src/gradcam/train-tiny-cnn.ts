/**
 * A few seconds of training for Grad-CAM checks: a CNN-k classifier from @cxr/models fitted with
 * tfjs' own model.fit (Adam, sigmoid cross-entropy on the logits). Not the project's trainer
 * (@cxr/train's runExperiment): its only job is a model that has learnt where a finding is.
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel } from '@cxr/models';
import type { PhantomCase } from './phantom-cases.ts';

export interface TinyCnnOptions {
  size: number;
  /** CNN-k depth (default 3, the shallowest in the zoo: a 4 x 4 feature map at 32 px). */
  blocks?: number;
  epochs?: number;
  /** Default 8: small batches give the batch-norm moving statistics (momentum 0.99) enough steps to settle. */
  batchSize?: number;
  learningRate?: number;
  seed: number;
}

/**
 * A CNN-k with a 32/0.0 head and one logit per label, fitted on `cases`.
 *
 * @example const model = await trainTinyCnn(phantomCases({ images: 300, size: 32, seed: 1, labels }), { size: 32, seed: 1 })
 */
export async function trainTinyCnn(cases: PhantomCase[], options: TinyCnnOptions): Promise<tf.LayersModel> {
  const { size } = options;
  const classes = cases[0]?.truth.length ?? 0;
  const model = buildModel({
    backbone: `cnn${options.blocks ?? 3}`,
    inputSize: size,
    channels: 1,
    head: '32/0.0',
    numClasses: classes,
    seed: options.seed,
  });
  const x = tf.tensor4d(concat(cases.map((c) => c.image)), [cases.length, size, size, 1]);
  const y = tf.tensor2d(
    cases.flatMap((c) => c.truth),
    [cases.length, classes],
  );
  model.compile({
    optimizer: tf.train.adam(options.learningRate ?? 3e-3),
    loss: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.losses.sigmoidCrossEntropy(yTrue, logits),
  });
  try {
    await model.fit(x, y, {
      epochs: options.epochs ?? 6,
      batchSize: options.batchSize ?? 8,
      // No shuffle: tfjs shuffles with Math.random, and the fit must repeat; callers pass cases in a mixed order.
      shuffle: false,
      verbose: 0,
    });
  } finally {
    tf.dispose([x, y]);
  }
  return model;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
