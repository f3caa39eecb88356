/**
 * `cxr pretrain`: offline pretraining of a backbone on the phantom source set (or conversion of
 * user-given ImageNet weights), saved where init 'pretrained' looks for it.
 */
import { CHANNEL_COUNTS, NORMALIZATIONS, type ChannelCount, type Normalization } from '@cxr/data';
import { BACKBONE_NAMES } from '@cxr/models';
import { backendNames, createProgress, pretrainBackbone, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { seedOption } from '../parse-seed.ts';

const command: CliCommand = {
  module: {
    command: 'pretrain',
    describe: 'Pretrain a backbone on the phantom source set (or take converted ImageNet weights) for init "pretrained"',
    builder: (y) =>
      y
        .option('backbone', { type: 'string', choices: BACKBONE_NAMES, demandOption: true })
        .option('size', { type: 'number', demandOption: true, describe: 'Input size in pixels (as the runs that will use it)' })
        .option('channels', {
          type: 'number',
          choices: CHANNEL_COUNTS,
          default: 3,
          describe: '3 for ImageNet-style inputs (paper profile), 1 for gray',
        })
        .option('normalization', {
          type: 'string',
          choices: NORMALIZATIONS,
          default: 'imagenet',
          describe: 'As the fine-tuning runs',
        })
        .option('images', { type: 'number', default: 2000, describe: 'Phantom source images' })
        .option('epochs', { type: 'number', default: 10 })
        .option('batch-size', { type: 'number', default: 32 })
        .option('seed', seedOption('cxr pretrain', 0))
        .option('weights', {
          type: 'string',
          describe: 'Converted Keras ImageNet weights (tfjs layers format): used instead of pretraining',
        })
        .option('weights-root', {
          type: 'string',
          default: 'weights',
          describe: 'Saves to <root>/pretrained/<backbone>-<size>px-<channels>ch',
        })
        .option('backend', { type: 'string', choices: backendNames, default: 'auto' as BackendName }),
    handler: async (argv) => {
      const a = argv as unknown as {
        backbone: string;
        size: number;
        channels: ChannelCount;
        normalization: Normalization;
        images: number;
        epochs: number;
        batchSize: number;
        seed: number;
        weights?: string;
        weightsRoot: string;
        backend: BackendName;
      };
      const progress = createProgress(process.stderr);
      await selectBackend(a.backend, (line) => progress.message(line));
      const r = await pretrainBackbone({
        backbone: a.backbone,
        size: a.size,
        channels: a.channels,
        normalization: a.normalization,
        images: a.images,
        epochs: a.epochs,
        batchSize: a.batchSize,
        seed: a.seed,
        weightsRoot: a.weightsRoot,
        progress,
        ...(a.weights ? { weightsDir: a.weights } : {}),
      });
      console.log(`${r.source}: ${r.dir}`);
    },
  },
};

export default command;
