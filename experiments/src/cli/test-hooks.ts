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
