/**
 * `cxr sweep worker` (hidden): one worker process of a sweep, started by `cxr sweep` with an IPC
 * channel (fork). It runs the cells it is sent (serveSweepWorker). Ctrl-C / SIGTERM, a 'stop'
 * from the parent, or the parent gone (its channel disconnects: main.ts's watchLauncher turns that
 * into SIGTERM, even after kill -9) hand its cell back as pending and end it.
 */
import { openResultsStore } from '@cxr/results';
import { backendNames, selectBackend, type BackendName } from '@cxr/train';
import type { CliCommand } from '../command-types.ts';
import { installInterrupts } from '../interrupts.ts';
import { CliArgumentError } from '../parse-seed.ts';
import { runHooksFromEnv } from '../test-hooks.ts';
import { serveSweepWorker } from '../../sweep/serve-worker.ts';

const command: CliCommand = {
  group: 'sweep',
  module: {
    command: 'worker',
    describe: false, // started by `cxr sweep`, never by hand
    builder: (y) =>
      y
        .option('db', { type: 'string', demandOption: true })
        .option('backend', { type: 'string', choices: backendNames, demandOption: true })
        .option('weights-root', { type: 'string', demandOption: true })
        .option('data-root', { type: 'string', demandOption: true }),
    handler: async (argv) => {
      const a = argv as unknown as { db: string; backend: BackendName; weightsRoot: string; dataRoot: string };
      if (!process.channel || !process.send)
        throw new CliArgumentError('cxr sweep worker: started by cxr sweep only (it needs its IPC channel)');
      process.channel.ref(); // main.ts unrefs it; a worker waiting for its next cell must stay alive
      // With the parent alive it says what happens; a worker speaks only when it is on its own.
      const interrupts = installInterrupts({
        write: (line) => !process.connected && process.stderr.write(`${line.replace(/^cxr:/, `cxr sweep worker ${process.pid}:`)}\n`),
      });
      const store = openResultsStore({ path: a.db });
      try {
        const backend = await selectBackend(a.backend);
        await serveSweepWorker(
          {
            send: (message) => {
              if (process.connected) process.send!(message, () => {});
            },
            onMessage: (listener) => process.on('message', listener),
          },
          { store, backend: backend.backend, weightsRoot: a.weightsRoot, dataRoot: a.dataRoot, hooks: runHooksFromEnv(process.env) },
          interrupts.signal,
        );
      } finally {
        interrupts.dispose();
        store.close();
        process.channel?.unref(); // not disconnect(): main.ts takes a disconnect for the parent gone
      }
    },
  },
};

export default command;
