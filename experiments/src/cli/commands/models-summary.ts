/**
 * `cxr models summary`: parameter counts, layer count, feature shape and forward FLOPs of a
 * backbone (+ head, + unfrozen fraction), as Keras' model.summary() totals; `--all` prints one row
 * per registry entry (e.g. seed 003's model comparison by size).
 */
import * as tf from '@tensorflow/tfjs';
import { CHANNEL_COUNTS } from '@cxr/data';
import { BACKBONE_NAMES, buildModel, countParams, estimateFlops, getBackboneDef, headWord, unfreezeTop } from '@cxr/models';
import type { CliCommand } from '../command-types.ts';
import { seedOption } from '../parse-seed.ts';

interface SummaryArgs {
  backbone: string;
  all: boolean;
  input: number;
  channels: number;
  head: string;
  classes: number;
  unfreeze?: number;
  kerasPreprocessing: boolean;
  seed: number;
  json: boolean;
}

export interface ModelSummary {
  backbone: string;
  input: number;
  channels: number;
  head: string;
  numClasses: number | null;
  unfreeze: number | null;
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  layers: number;
  featureShape: number[];
  outputShape: number[];
  /** 2 x multiply-accumulates of conv/depthwise/dense layers, one image. */
  flops: number;
}

/** Builds the model, measures it and disposes it. */
export async function summarise(a: SummaryArgs): Promise<ModelSummary> {
  await tf.setBackend('cpu');
  const bare = headWord(a.head) === 'none';
  const model = buildModel({
    backbone: a.backbone,
    inputSize: a.input,
    channels: a.channels as 1 | 3,
    head: a.head,
    numClasses: a.classes,
    seed: a.seed,
    includeKerasPreprocessing: a.kerasPreprocessing,
  });
  try {
    if (a.unfreeze !== undefined) unfreezeTop(model, a.unfreeze);
    const counts = countParams(model);
    const pool = model.layers.find((l) => l.name === 'head_pool');
    const dims = (s: tf.Shape) => s.slice(1).map((d) => d ?? -1);
    return {
      backbone: a.backbone,
      input: a.input,
      channels: a.channels,
      head: a.head,
      numClasses: bare ? null : a.classes,
      unfreeze: a.unfreeze ?? null,
      totalParams: counts.total,
      trainableParams: counts.trainable,
      nonTrainableParams: counts.nonTrainable,
      layers: model.layers.length,
      featureShape: dims(pool ? (pool.input as tf.SymbolicTensor).shape : model.outputs[0]!.shape),
      outputShape: dims(model.outputs[0]!.shape),
      flops: estimateFlops(model),
    };
  } finally {
    model.dispose();
  }
}

/** One row of `--all`: the summary, or why this backbone cannot be built with these options. */
export type SummaryRow = ModelSummary | { backbone: string; error: string };

/** Summaries of every registry entry with the same options, in registry order. */
export async function summariseAll(a: Omit<SummaryArgs, 'backbone'>): Promise<SummaryRow[]> {
  const rows: SummaryRow[] = [];
  for (const backbone of BACKBONE_NAMES) {
    try {
      rows.push(await summarise({ ...a, backbone }));
    } catch (e) {
      // e.g. the U-Nets need a multiple of 16 px; the other rows still print.
      rows.push({ backbone, error: (e as Error).message });
    }
  }
  return rows;
}

function formatTable(rows: SummaryRow[]): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const width = Math.max(...rows.map((r) => r.backbone.length)) + 2;
  const head = `${'backbone'.padEnd(width)}${'total params'.padStart(14)}${'trainable'.padStart(14)}  ${'feature shape'.padEnd(15)}description`;
  const lines = rows.map((r) => {
    if ('error' in r) return `${r.backbone.padEnd(width)}${'-'.padStart(14)}${'-'.padStart(14)}  ${'-'.padEnd(15)}${r.error}`;
    const desc = getBackboneDef(r.backbone).description;
    return `${r.backbone.padEnd(width)}${n(r.totalParams).padStart(14)}${n(r.trainableParams).padStart(14)}  ${r.featureShape.join('x').padEnd(15)}${desc}`;
  });
  return [head, ...lines].join('\n');
}

function formatText(s: ModelSummary): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const rows: [string, string][] = [
    ['backbone', `${s.backbone} - ${getBackboneDef(s.backbone).description}`],
    ['input', `${s.input} x ${s.input} x ${s.channels}`],
    ['head', headLine(s.head, s.numClasses)],
    ['unfrozen fraction', s.unfreeze === null ? 'all layers trainable' : String(s.unfreeze)],
    ['total params', n(s.totalParams)],
    ['trainable params', n(s.trainableParams)],
    ['non-trainable params', n(s.nonTrainableParams)],
    ['layers', String(s.layers)],
    ['feature shape', s.featureShape.join(' x ')],
    ['output shape', s.outputShape.join(' x ')],
    ['forward FLOPs', `${(s.flops / 1e9).toFixed(3)} G per image (2 x ${(s.flops / 2e9).toFixed(3)} G multiply-adds)`],
  ];
  return rows.map(([k, v]) => `${k.padEnd(22)}${v}`).join('\n');
}

const command: CliCommand = {
  group: 'models',
  module: {
    command: 'summary',
    describe: 'Parameter counts, layers, feature shape and FLOPs of a backbone and head',
    builder: (y) =>
      y
        .option('backbone', {
          type: 'string',
          describe: BACKBONE_NAMES.join(', '),
        })
        .option('all', { type: 'boolean', default: false, describe: 'one row per registered backbone (same input, head, ...)' })
        .option('input', { type: 'number', default: 224, describe: 'side of the square input in pixels (>= 32)' })
        .option('channels', { type: 'number', default: 3, choices: CHANNEL_COUNTS })
        .option('head', { type: 'string', default: 'none', describe: "'none' or units/dropout pairs, e.g. 256/0.30->128/0.30" })
        .option('classes', { type: 'number', default: 10, describe: 'logits of the head (labels)' })
        .option('unfreeze', { type: 'number', describe: 'top fraction of the backbone made trainable (0..1)' })
        .option('keras-preprocessing', {
          type: 'boolean',
          default: true,
          describe: "EfficientNet: include Keras' Rescaling/Normalization layers",
        })
        .option('seed', seedOption('cxr models summary', 0, 'Seed of the initial weights (an integer from 0 to 2147483647)'))
        .option('json', { type: 'boolean', default: false, describe: 'print one JSON object (--all: an array)' })
        .check((a) => {
          if (!a.all && a.backbone === undefined) throw new Error('give --backbone NAME or --all');
          if (a.all && a.backbone !== undefined) throw new Error('give --backbone NAME or --all, not both');
          return true;
        }),
    handler: async (argv) => {
      const args = argv as unknown as SummaryArgs;
      if (args.all) {
        const rows = await summariseAll(args);
        process.stdout.write(args.json ? `${JSON.stringify(rows)}\n` : `${formatTable(rows)}\n`);
        return;
      }
      const summary = await summarise(args);
      process.stdout.write(args.json ? `${JSON.stringify(summary)}\n` : `${formatText(summary)}\n`);
    },
  },
};

export default command;

/** The head row: the bare backbone, the logits layer alone, or the dense stack and its logits. */
function headLine(head: string, numClasses: number | null): string {
  const word = headWord(head);
  if (word === 'none') return 'none (bare backbone)';
  return word === 'logits' ? `${numClasses} logits on the pooled features` : `${head} -> ${numClasses} logits`;
}
