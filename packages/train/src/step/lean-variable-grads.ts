// Reverse-mode gradients that free memory while they walk the tape. tf.variableGrads (tfjs-core
// engine.gradients) keeps, until the whole backward pass ends, every activation saved for the
// backward pass, the gradient of every intermediate tensor, every partial gradient that was summed
// into another, and every temporary a gradient function made outside its per-input closures. For
// EfficientNetB0 at 64 px, batch 32, that is ~1.5 GB at once on wasm, whose heap never shrinks.
// Here each tape node's saved tensors and its outputs' gradients are released as soon as the node
// has been back-propagated (the tape is in execution order, so walking it backwards, every consumer
// of a node's outputs has already been handled), so the backward pass holds only the saved
// activations still ahead of it plus the gradient frontier. Same kernels in the same order as
// tfjs, so the gradients are bit-identical.
import * as tf from '@tensorflow/tfjs';
import { TrainArgumentError } from '../errors.ts';

/** The parts of a tfjs-core tape node this walk uses (engine.addTapeNode). */
interface TapeNode {
  id: number;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  saved?: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  kernelName: string;
}

/** The engine internals engine.gradients itself uses (tfjs-core 4.x). */
interface TapeEngine {
  startTape(): void;
  endTape(): void;
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
}

/** Result of leanVariableGrads: the scalar value and one gradient per variable (null when unconnected). */
export interface LeanGrads {
  value: tf.Scalar;
  grads: (tf.Tensor | null)[];
}

/**
 * Value and gradients of a scalar function with respect to `vars`, like tf.variableGrads (which
 * it matches bit for bit) but releasing each saved activation and intermediate gradient as soon as
 * the backward pass no longer needs it, so peak memory is about the saved activations instead of
 * activations + all their gradients. Gradients come in the order of `vars` (null for a variable
 * the value does not depend on); the caller owns and disposes `value` and the gradients.
 * Cost: the same kernels as tf.variableGrads, plus a disposal per intermediate tensor.
 * Relies on tfjs-core's engine tape (startTape/endTape/state.activeTape, as engine.gradients).
 *
 * @throws TrainArgumentError when `vars` is empty, no variable is connected to the value, or the
 * value is not a scalar; or when called while another gradient is being taped (nested gradients).
 * @example
 * const w = tf.variable(tf.tensor1d([1, 2]));
 * const { value, grads } = leanVariableGrads(() => w.square().sum() as tf.Scalar, [w]);
 * // value 5, grads[0] = [2, 4]
 */
export function leanVariableGrads(f: () => tf.Scalar, vars: tf.Variable[]): LeanGrads {
  if (vars.length === 0) throw new TrainArgumentError('leanVariableGrads', 'vars', 'at least one variable', 'an empty list');
  const engine = tf.engine() as unknown as TapeEngine;
  if (engine.state.gradientDepth !== 0) {
    throw new TrainArgumentError(
      'leanVariableGrads',
      'f',
      'a call outside any other gradient computation',
      `gradient depth ${engine.state.gradientDepth}`,
    );
  }
  engine.startTape();
  let tape: TapeNode[] = [];
  let value: tf.Tensor | undefined;
  try {
    try {
      value = tf.tidy(f);
    } finally {
      tape = engine.state.activeTape ?? [];
      engine.endTape();
      engine.state.activeTape = null;
    }
    if (!(value instanceof tf.Tensor) || value.rank !== 0) {
      throw new TrainArgumentError(
        'leanVariableGrads',
        'f',
        'a function returning a scalar tensor',
        value instanceof tf.Tensor ? `a rank-${value.rank} tensor` : typeof value,
      );
    }
    const y = value;
    const path = nodesFromXsToY(tape, vars, y);
    if (path.length === 0) {
      throw new TrainArgumentError('leanVariableGrads', 'vars', 'variables the value depends on', `${vars.length} unconnected variables`);
    }
    let connected: boolean[] = [];
    const found = tf.tidy(() => {
      const acc = backpropagate(path, y);
      connected = vars.map((v) => acc.has(v.id));
      return vars.flatMap((v) => acc.get(v.id) ?? []);
    });
    let k = 0;
    return { value: y as tf.Scalar, grads: connected.map((c) => (c ? found[k++]! : null)) };
  } catch (error) {
    if (value instanceof tf.Tensor) value.dispose();
    throw error;
  } finally {
    for (const node of tape) for (const t of node.saved ?? []) t.dispose();
  }
}

/**
 * Walks the pruned tape backwards from dy/dy = 1, freeing what each node no longer needs; returns
 * the gradients left at the end (those of the tensors no tape node produced: the variables).
 */
function backpropagate(path: TapeNode[], y: tf.Tensor): Map<number, tf.Tensor> {
  const acc = new Map<number, tf.Tensor>();
  const owned = new Set<tf.Tensor>();
  const put = (id: number, t: tf.Tensor) => {
    acc.set(id, t);
    owned.add(t);
  };
  const drop = (id: number) => {
    const t = acc.get(id);
    if (t === undefined) return;
    acc.delete(id);
    owned.delete(t);
    t.dispose();
  };
  put(y.id, tf.onesLike(y));
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    if (node.gradient == null)
      throw new TrainArgumentError(
        'leanVariableGrads',
        'f',
        'operations with registered gradients',
        `kernel ${node.kernelName} without one`,
      );
    const dys = node.outputs.map((o) => acc.get(o.id) ?? null);
    const names = Object.keys(node.inputs);
    // One tidy per node: temporaries a gradient function makes outside its per-input closures
    // (e.g. a fused kernel returning several gradients at once) die here, not at the very end.
    const dxs = tf.tidy(() => {
      const inputGradients = node.gradient!(dys);
      return names.map((name) => {
        const make = inputGradients[name];
        if (make === undefined)
          throw new TrainArgumentError(
            'leanVariableGrads',
            'f',
            `a gradient for input '${name}' of ${node.kernelName}`,
            `only ${Object.keys(inputGradients).join(', ')}`,
          );
        return make();
      });
    });
    names.forEach((name, k) => {
      const x = node.inputs[name]!;
      let dx = dxs[k]!;
      if (dx.dtype !== 'float32' || !tf.util.arraysEqual(dx.shape, x.shape)) {
        throw new TrainArgumentError(
          'leanVariableGrads',
          'f',
          `a float32 gradient of shape [${x.shape.join(', ')}] for '${name}' of ${node.kernelName}`,
          `${dx.dtype} [${dx.shape.join(', ')}]`,
        );
      }
      // A gradient function may hand back a tensor that is also held elsewhere (a dy, a saved
      // tensor, another accumulated gradient); a clone shares its data but can be freed alone.
      if (owned.has(dx) || dys.includes(dx) || (node.saved ?? []).includes(dx) || dxs.indexOf(dx) !== k) dx = dx.clone();
      const current = acc.get(x.id);
      if (current === undefined) {
        put(x.id, dx);
      } else {
        const sum = tf.add(current, dx);
        drop(x.id);
        dx.dispose();
        put(x.id, sum);
      }
    });
    for (const o of node.outputs) drop(o.id);
    for (const t of node.saved ?? []) t.dispose();
  }
  return acc;
}

/**
 * The tape nodes on a path from any of `xs` to `y`, inputs pruned to those that depend on `xs`
 * (tfjs-core getFilteredNodesXToY, which is not exported).
 */
function nodesFromXsToY(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const nodeFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((t) => fromX.has(t.id))) {
      nodeFromX.add(node.id);
      for (const o of node.outputs) fromX.add(o.id);
    }
  }
  const toY = new Set([y.id]);
  const nodeToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    if (node.outputs.some((o) => toY.has(o.id))) {
      nodeToY.add(node.id);
      for (const t of Object.values(node.inputs)) toY.add(t.id);
    }
  }
  return tape
    .filter((node) => nodeFromX.has(node.id) && nodeToY.has(node.id))
    .map((node) => ({ ...node, inputs: Object.fromEntries(Object.entries(node.inputs).filter(([, t]) => fromX.has(t.id))) }));
}
