/** Loading weights into a model by layer name, with a report, as Keras' load_weights(by_name=True). */
import * as tf from '@tensorflow/tfjs';
import { ModelWeightsError } from '../errors.ts';
import { readArtifacts } from './weights-source.ts';

export interface LoadReport {
  /** Model layers whose every weight was found in the source and loaded. */
  matched: string[];
  /** Model layers holding weights that the source lacks (left as they were). */
  missing: string[];
  /** Source layers no model layer asked for. */
  unexpected: string[];
  /** Model layers the `skip` option excluded. */
  skipped: string[];
}

export interface LoadByNameOptions {
  /** Layers to leave untouched, e.g. isHeadLayer when a checkpoint's head has another size. */
  skip?: (layerName: string) => boolean;
}

/**
 * Copies weights from a tfjs-layers model.json + shards (a checkpoint written by saveModelTo or
 * saveBackboneTo, or a Keras model converted with tensorflowjs_converter) into `model`, matching
 * layers by name. Source weights are looked up as `<layer>/<weight>` (e.g. `Conv1/kernel`,
 * `bn_Conv1/moving_mean`) or, for Keras 3 files, `<layer>/<index>`. Nothing is written unless
 * every matched layer fits, so a failed load leaves the model unchanged.
 *
 * `source` is a local directory, a model.json path, or an http(s) URL; a URL is fetched only
 * because the caller passes one (never a default hub).
 *
 * @throws ModelWeightsError naming layer, weight and both shapes on a shape mismatch; naming the
 *   layer when the source holds only some of a layer's weights; when files cannot be read.
 * @example await loadWeightsByName(model, 'weights/keras/efficientnetb0_notop', { skip: (n) => n.startsWith('head_') })
 *   // { matched: ['stem_conv', ...], missing: [], unexpected: [], skipped: ['head_dense_1', 'head_logits'] }
 */
export async function loadWeightsByName(model: tf.LayersModel, source: string, opts: LoadByNameOptions = {}): Promise<LoadReport> {
  const { weightSpecs, weightData } = await readArtifacts('loadWeightsByName', source);
  const tensors = tf.io.decodeWeights(weightData, weightSpecs);
  try {
    const report: LoadReport = { matched: [], missing: [], unexpected: [], skipped: [] };
    const used = new Set<string>();
    const writes: [tf.LayerVariable, tf.Tensor][] = [];
    for (const layer of model.layers) {
      if (layer.weights.length === 0) continue;
      if (opts.skip?.(layer.name)) {
        report.skipped.push(layer.name);
        continue;
      }
      const found = layer.weights.map((w, i) => {
        const short = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
        const key = [`${layer.name}/${short}`, `${layer.name}/${i}`].find((k) => tensors[k] !== undefined);
        return { w, short, key };
      });
      const hits = found.filter((f) => f.key !== undefined);
      if (hits.length === 0) {
        report.missing.push(layer.name);
        continue;
      }
      if (hits.length < found.length) {
        const lacking = found.filter((f) => f.key === undefined).map((f) => f.short);
        throw new ModelWeightsError(
          'loadWeightsByName',
          source,
          `layer '${layer.name}': the source holds only some of its weights (lacks ${lacking.join(', ')})`,
        );
      }
      for (const { w, short, key } of hits) {
        const t = tensors[key!]!;
        if (!sameShape(t.shape, w.shape)) {
          throw new ModelWeightsError(
            'loadWeightsByName',
            source,
            `layer '${layer.name}' weight '${short}': model shape [${w.shape.join(', ')}], source shape [${t.shape.join(', ')}]`,
          );
        }
        used.add(key!);
        writes.push([w, t]);
      }
      report.matched.push(layer.name);
    }
    const skippedLayers = new Set(report.skipped);
    const unexpected = new Set<string>();
    for (const name of Object.keys(tensors)) {
      const layerName = name.slice(0, name.lastIndexOf('/'));
      if (!used.has(name) && !skippedLayers.has(layerName)) unexpected.add(layerName);
    }
    report.unexpected = [...unexpected];
    for (const [w, t] of writes) {
      tf.tidy(() => {
        w.write(t.dtype === w.dtype ? t.clone() : t.cast(w.dtype));
      });
    }
    return report;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

function sameShape(a: readonly number[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
