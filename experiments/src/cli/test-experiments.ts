/**
 * The experiments a `cxr sweep` command knows: the registry's, plus - only in the test suite
 * (CXR_TEST=1, which scripts/run-tests.mjs sets) - the definitions exported by the module named in
 * CXR_TEST_EXPERIMENTS, so tests sweep tiny experiments of their own without adding fake ones to
 * the registry. Read here, at the application's edge, like the run hooks in test-hooks.ts.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExperimentDefinition } from '../experiments/definition.ts';
import { EXPERIMENTS, findExperiment } from '../experiments/registry.ts';
import { CliArgumentError } from './parse-seed.ts';

/** A module exporting ExperimentDefinitions (any export whose value has `name` and `levels`), for tests. */
export const TEST_EXPERIMENTS_ENV = 'CXR_TEST_EXPERIMENTS';

/**
 * The test suite's own experiments: none unless CXR_TEST=1 and CXR_TEST_EXPERIMENTS names a module.
 *
 * @throws CliArgumentError when that module cannot be loaded or exports no definition.
 * @example await testExperimentsFromEnv({ CXR_TEST: '1', CXR_TEST_EXPERIMENTS: 'fixtures.ts' }) // [{ name: 'test-two-levels', ... }]
 */
export async function testExperimentsFromEnv(env: NodeJS.ProcessEnv): Promise<ExperimentDefinition[]> {
  const file = env[TEST_EXPERIMENTS_ENV];
  if (env['CXR_TEST'] !== '1' || !file) return [];
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new CliArgumentError(`${TEST_EXPERIMENTS_ENV}: cannot load ${resolve(file)} (${(error as Error).message})`);
  }
  const found = Object.values(mod).filter(
    (v): v is ExperimentDefinition =>
      typeof v === 'object' && v !== null && 'name' in v && Array.isArray((v as { levels?: unknown }).levels),
  );
  if (found.length === 0) throw new CliArgumentError(`${TEST_EXPERIMENTS_ENV}: ${resolve(file)} exports no experiment definition`);
  return found;
}

/** Every experiment a sweep command may name: the registry's, then the test suite's. */
export async function sweepExperiments(env: NodeJS.ProcessEnv = process.env): Promise<ExperimentDefinition[]> {
  return [...EXPERIMENTS, ...(await testExperimentsFromEnv(env))];
}

/**
 * The experiment called `name`: a test experiment when the hook is on, else the registry's.
 *
 * @throws ExperimentDefinitionError (from the registry) for an unknown name, listing the valid ones.
 */
export async function findSweepExperiment(name: string, env: NodeJS.ProcessEnv = process.env): Promise<ExperimentDefinition> {
  return (await testExperimentsFromEnv(env)).find((e) => e.name === name) ?? findExperiment(name);
}
