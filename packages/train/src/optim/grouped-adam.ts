import * as tf from '@tensorflow/tfjs';
import { TrainArgumentError, TrainStateError } from '../errors.ts';

/** Hyper-parameters shared by every variable (learning rate and weight decay come per update). */
export interface AdamOptions {
  beta1: number;
  beta2: number;
  /** Keras' default 1e-7 (tf.keras.optimizers.Adam). */
  epsilon: number;
}

export const DEFAULT_ADAM: AdamOptions = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

/** One variable to update in a step, with the learning rate of its group. */
export interface ParamUpdate {
  /** Stable identity of the variable across rebuilds (e.g. its index in model.weights). */
  key: string;
  variable: tf.Variable;
  gradient: tf.Tensor;
  lr: number;
  /** Decoupled weight decay λ (AdamW); 0 gives plain Adam. */
  weightDecay: number;
}

/** Serialisable optimiser state, for checkpoints: per-variable moments and step counts. */
export interface AdamState {
  slots: { key: string; step: number; shape: number[]; m: Float32Array; v: Float32Array }[];
}

/**
 * Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW, Loshchilov & Hutter 2019, as in
 * PyTorch: θ ← θ(1 - lr·λ) before the Adam step), where every update carries its own learning rate,
 * so the head and the backbone train at different rates with one optimiser. Moments are keyed by
 * a stable variable key and have their own step counts, so variables unfrozen later start with
 * their own bias correction, and the state saves and restores exactly (bias corrections are
 * computed in float64 from the integer step, not accumulated).
 *
 * Why not tf.train.adam: its moment slots are matched by position in the gradient list, which
 * breaks when the set of trainable variables changes (freeze-then-unfreeze), and its restored
 * state recomputes β^t with pow, which is not bit-identical to the running product.
 *
 * @example
 * const opt = new GroupedAdam();
 * opt.step([{ key: '0', variable: v, gradient: g, lr: 1e-3, weightDecay: 0 }]);
 */
export class GroupedAdam {
  readonly options: AdamOptions;
  private slots = new Map<string, { step: number; m: tf.Variable; v: tf.Variable }>();

  constructor(options: Partial<AdamOptions> = {}) {
    this.options = { ...DEFAULT_ADAM, ...options };
    const { beta1, beta2, epsilon } = this.options;
    if (!(beta1 >= 0 && beta1 < 1)) throw new TrainArgumentError('GroupedAdam', 'options.beta1', 'a number in [0, 1)', beta1);
    if (!(beta2 >= 0 && beta2 < 1)) throw new TrainArgumentError('GroupedAdam', 'options.beta2', 'a number in [0, 1)', beta2);
    if (!(epsilon > 0)) throw new TrainArgumentError('GroupedAdam', 'options.epsilon', 'a number > 0', epsilon);
  }

  /**
   * Applies one update to each listed variable and disposes nothing it did not create (gradients
   * stay the caller's).
   *
   * @throws TrainArgumentError on a non-positive learning rate or a gradient of the wrong shape.
   */
  step(updates: ParamUpdate[]): void {
    const { beta1, beta2, epsilon } = this.options;
    for (const u of updates) {
      if (!(u.lr >= 0)) throw new TrainArgumentError('GroupedAdam.step', `updates[${u.key}].lr`, 'a number >= 0', u.lr);
      if (!tf.util.arraysEqual(u.gradient.shape, u.variable.shape)) {
        throw new TrainArgumentError(
          'GroupedAdam.step',
          `updates[${u.key}].gradient`,
          `shape [${u.variable.shape.join(', ')}]`,
          `shape [${u.gradient.shape.join(', ')}]`,
        );
      }
      let slot = this.slots.get(u.key);
      if (!slot) {
        slot = tf.tidy(() => ({ step: 0, m: tf.zerosLike(u.variable).variable(false), v: tf.zerosLike(u.variable).variable(false) }));
        this.slots.set(u.key, slot);
      } else if (!tf.util.arraysEqual(slot.m.shape, u.variable.shape)) {
        throw new TrainStateError(
          'GroupedAdam.step',
          `variable '${u.key}' changed shape from [${slot.m.shape.join(', ')}] to [${u.variable.shape.join(', ')}]`,
        );
      }
      slot.step += 1;
      const t = slot.step;
      const c1 = 1 / (1 - Math.pow(beta1, t));
      const c2 = 1 / (1 - Math.pow(beta2, t));
      const s = slot;
      tf.tidy(() => {
        const m = tf.add(tf.mul(s.m, beta1), tf.mul(u.gradient, 1 - beta1));
        const v = tf.add(tf.mul(s.v, beta2), tf.mul(tf.square(u.gradient), 1 - beta2));
        s.m.assign(m);
        s.v.assign(v);
        let theta: tf.Tensor = u.variable;
        if (u.weightDecay > 0) theta = tf.mul(theta, 1 - u.lr * u.weightDecay);
        const stepDir = tf.div(tf.mul(m, c1), tf.add(tf.sqrt(tf.mul(v, c2)), epsilon));
        u.variable.assign(tf.sub(theta, tf.mul(stepDir, u.lr)));
      });
    }
  }

  /** Copies of every slot, in key-insertion order (deterministic for a deterministic run). */
  async getState(): Promise<AdamState> {
    const slots = await Promise.all(
      [...this.slots.entries()].map(async ([key, s]) => ({
        key,
        step: s.step,
        shape: s.m.shape.slice(),
        m: ((await s.m.data()) as Float32Array).slice(),
        v: ((await s.v.data()) as Float32Array).slice(),
      })),
    );
    return { slots };
  }

  /** Replaces all slots by a saved state (`getState` of an optimiser over the same variables). */
  setState(state: AdamState): void {
    this.disposeSlots();
    for (const s of state.slots) {
      const size = s.shape.reduce((a, b) => a * b, 1);
      if (s.m.length !== size || s.v.length !== size) {
        throw new TrainStateError(
          'GroupedAdam.setState',
          `slot '${s.key}' of shape [${s.shape.join(', ')}] has ${s.m.length} first and ${s.v.length} second moments`,
        );
      }
      const slot = tf.tidy(() => ({
        step: s.step,
        m: tf.tensor(s.m, s.shape).variable(false),
        v: tf.tensor(s.v, s.shape).variable(false),
      }));
      this.slots.set(s.key, slot);
    }
  }

  /** Number of variables with moments. */
  get slotCount(): number {
    return this.slots.size;
  }

  dispose(): void {
    this.disposeSlots();
  }

  private disposeSlots(): void {
    for (const s of this.slots.values()) {
      s.m.dispose();
      s.v.dispose();
    }
    this.slots.clear();
  }
}
