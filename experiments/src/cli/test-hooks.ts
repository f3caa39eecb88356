/**
 * Test hooks of `cxr` commands, read from the environment here, at the application's edge, and
 * passed into the run (RunRequest.hooks); the library itself reads no test variables.
 */
import type { RunHooks } from '@cxr/train';

/** Exit with 137 right after the checkpoint of this 1-based epoch, as a kill would (crash-and-resume test). */
export const CRASH_AFTER_EPOCH_ENV = 'CXR_TEST_CRASH_AFTER_EPOCH';

/**
 * The run hooks the environment asks for: with CXR_TEST_CRASH_AFTER_EPOCH=N, an afterCheckpoint
 * hook that calls `exit(137)` after epoch N's checkpoint; none otherwise (also for a value that
 * is not a positive integer).
 *
 * @example runHooksFromEnv({ CXR_TEST_CRASH_AFTER_EPOCH: '1' }).afterCheckpoint?.(1) // exits with 137
 */
export function runHooksFromEnv(env: NodeJS.ProcessEnv, exit: (code: number) => void = (code) => process.exit(code)): RunHooks {
  const crashAfter = Number(env[CRASH_AFTER_EPOCH_ENV] ?? Number.NaN);
  if (!Number.isInteger(crashAfter) || crashAfter < 1) return {};
  return {
    afterCheckpoint: (epoch) => {
      if (epoch === crashAfter) exit(137);
    },
  };
}

/** With CXR_TEST_HOLD_AFTER_EPOCH=N and CXR_TEST_HOLD_INDEX=I[,J...]: those array tasks wait after epoch N's checkpoint (first attempt only). */
export const HOLD_AFTER_EPOCH_ENV = 'CXR_TEST_HOLD_AFTER_EPOCH';
export const HOLD_INDEX_ENV = 'CXR_TEST_HOLD_INDEX';

/**
 * The Slurm test's hook: task `index` (when $CXR_TEST_HOLD_INDEX lists it and $SLURM_RESTART_COUNT is
 * 0 or unset) pauses after epoch $CXR_TEST_HOLD_AFTER_EPOCH's checkpoint - up to `maxMs`, or until a
 * SIGTERM/SIGINT (the preemption the test sends) - so it is requeued mid-run, after a checkpoint.
 *
 * @example holdHookFromEnv({ CXR_TEST_HOLD_AFTER_EPOCH: '1', CXR_TEST_HOLD_INDEX: '0' }, 0).afterCheckpoint?.(1) // waits
 */
export function holdHookFromEnv(env: NodeJS.ProcessEnv, index: number, maxMs = 300_000): RunHooks {
  const epoch = Number(env[HOLD_AFTER_EPOCH_ENV] ?? Number.NaN);
  if (
    !Number.isInteger(epoch) ||
    !(env[HOLD_INDEX_ENV] ?? '').split(',').map(Number).includes(index) ||
    Number(env['SLURM_RESTART_COUNT'] ?? 0) > 0
  )
    return {};
  return {
    afterCheckpoint: (e) => {
      if (e !== epoch) return;
      process.stderr.write(`cxr test hook: holding after epoch ${e}\n`);
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          process.off('SIGTERM', done);
          process.off('SIGINT', done);
          resolve();
        };
        const timer = setTimeout(done, maxMs);
        process.once('SIGTERM', done);
        process.once('SIGINT', done);
      });
    },
  };
}
