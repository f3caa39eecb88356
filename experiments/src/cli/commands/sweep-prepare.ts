/**
 * `cxr sweep prepare EXPERIMENT`: makes what the experiment's cells need before they run - the
 * phantom set of each dataset config and each backbone that cells with init 'pretrained' start
 * from, pretrained with the profile's settings - and keeps what exists (idempotent; the Nx targets
 * call it before the sweep).
 */
import { resolve } from 'node:path';
import { backendNames, createProgress, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { resolveSweep, sweepOptions, SWEEP_DATA_ROOT, SWEEP_WEIGHTS_ROOT, type SweepArgs } from '../sweep-args.ts';
import { findSweepExperiment } from '../test-experiments.ts';
import { PREPARE_STEPS, prepareSweep, type PrepareStep } from '../../sweep/prepare-sweep.ts';

const command: CliCommand = {
  group: 'sweep',
  module: {
    command: 'prepare <experiment>',
    describe: "Generate the phantom data and pretrain the backbones an experiment's cells need, when missing",
    builder: (y) =>
      sweepOptions(y, 'cxr sweep prepare')
        .positional('experiment', { type: 'string', describe: 'Experiment name' })
        .option('only', {
          type: 'string',
          choices: PREPARE_STEPS,
          describe: "Only generate the datasets ('data') or only pretrain the backbones ('weights')",
        })
        // Nx forwards a sweep target's flags to the targets it depends on; these are the sweep's own.
        .option('workers', { type: 'number', hidden: true, describe: 'Ignored (a cxr sweep flag)' })
        .option('dry-run', { type: 'boolean', hidden: true, describe: 'Ignored (a cxr sweep flag)' })
        .option('retry-failed', { type: 'boolean', hidden: true, describe: 'Ignored (a cxr sweep flag)' })
        .option('out', { type: 'string', hidden: true, describe: 'Ignored (a cxr sweep flag)' })
        .option('json', { type: 'boolean', hidden: true, describe: 'Ignored (a cxr sweep flag)' })
        .option('backend', {
          type: 'string',
          choices: backendNames,
          default: 'auto' as BackendName,
          describe: 'tfjs backend for pretraining',
        }),
    handler: async (argv) => {
      const a = argv as unknown as SweepArgs & { experiment: string; backend: BackendName; only?: PrepareStep };
      const resolved = resolveSweep(await findSweepExperiment(a.experiment), a);
      const progress = createProgress(process.stderr);
      await selectBackend(a.backend, (line) => progress.message(line));
      const prepared = await prepareSweep(resolved, {
        dataRoot: SWEEP_DATA_ROOT,
        weightsRoot: SWEEP_WEIGHTS_ROOT,
        progress,
        ...(a.only ? { only: a.only } : {}),
      });
      const datasets = new Set(prepared.fingerprints.values()).size;
      if (a.only !== 'weights')
        console.log(
          `${resolved.definition.name} (profile ${resolved.profile.name}): ${datasets} dataset${datasets === 1 ? '' : 's'} ready under ${resolve(SWEEP_DATA_ROOT)}`,
        );
      for (const p of prepared.pretrained) console.log(`  pretrained backbone ${p.made ? 'made' : 'present'}: ${resolve(p.dir)}`);
    },
  },
};

export default command;
