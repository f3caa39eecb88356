import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { findSweepExperiment, testExperimentsFromEnv } from './test-experiments.ts';

const tmp = makeTempDir('test-experiments');
after(tmp.cleanup);
const fixtures = join(import.meta.dirname, '..', 'sweep', 'testing', 'fixture-experiments.ts');

test('the test experiments hook is honoured only with CXR_TEST=1; a test experiment is found by name, others come from the registry', async () => {
  assert.deepEqual(await testExperimentsFromEnv({ CXR_TEST_EXPERIMENTS: fixtures }), []);
  const found = await testExperimentsFromEnv({ CXR_TEST: '1', CXR_TEST_EXPERIMENTS: fixtures });
  assert.ok(found.some((e) => e.name === 'test-two-levels'));
  const env = { CXR_TEST: '1', CXR_TEST_EXPERIMENTS: fixtures };
  assert.equal((await findSweepExperiment('test-two-levels', env)).levels.length, 2);
  assert.equal((await findSweepExperiment('table2-unfreeze', env)).name, 'table2-unfreeze');
  await assert.rejects(findSweepExperiment('test-two-levels', {}), {
    name: 'ExperimentDefinitionError',
    message: /unknown experiment "test-two-levels"/,
  });
});

test('a module that cannot load or exports no definition is named', async () => {
  const empty = join(tmp.dir, 'empty.mjs');
  writeFileSync(empty, 'export const x = 1;\n');
  await assert.rejects(testExperimentsFromEnv({ CXR_TEST: '1', CXR_TEST_EXPERIMENTS: empty }), {
    name: 'CliArgumentError',
    message: /CXR_TEST_EXPERIMENTS: .*empty\.mjs exports no experiment definition/,
  });
  await assert.rejects(testExperimentsFromEnv({ CXR_TEST: '1', CXR_TEST_EXPERIMENTS: join(tmp.dir, 'missing.mjs') }), {
    name: 'CliArgumentError',
    message: /CXR_TEST_EXPERIMENTS: cannot load .*missing\.mjs/,
  });
});
