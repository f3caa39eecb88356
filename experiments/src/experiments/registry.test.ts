import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ExperimentDefinitionError } from './errors.ts';
import { EXPERIMENT_NAMES, EXPERIMENTS, findExperiment } from './registry.ts';

describe('experiment registry', () => {
  it("lists Tables 1-9 then the sibling systems' experiments, each defined in the file of its name", async () => {
    assert.deepEqual(EXPERIMENT_NAMES, [
      'table1-backbones',
      'table2-unfreeze',
      'table3-init',
      'table4-head',
      'table5-loss',
      'table6-oversampling',
      'table7-augmentation',
      'table8-final',
      'table9-reference',
      'seed000-fusion',
      'seed001-uncertainty',
      'seed003-lightweight',
      'seed004-unet',
    ]);
    for (const definition of EXPERIMENTS) {
      const file = fileURLToPath(new URL(`./${definition.name}.ts`, import.meta.url));
      assert.ok(existsSync(file), file);
      const exported = Object.values((await import(file)) as Record<string, unknown>);
      assert.ok(exported.includes(definition), `${definition.name}.ts exports its definition`);
    }
  });

  it('finds a definition by name; the definitions are frozen', () => {
    const d = findExperiment('table6-oversampling');
    assert.equal(d.thesisTable, 'Table 6');
    assert.ok(Object.isFrozen(d) && Object.isFrozen(d.levels[0]!.override));
  });

  it('refuses an unknown name with a did-you-mean (near miss or table prefix) and the valid names', () => {
    const refused = (name: string, message: string) =>
      assert.throws(
        () => findExperiment(name),
        (e: unknown) => e instanceof ExperimentDefinitionError && e.message === message,
      );
    const valid = `valid experiments: ${EXPERIMENT_NAMES.join(', ')}`;
    const prefix = "experiments/src/experiments/registry.ts: key 'experiment': unknown experiment";
    refused('table2-unfreez', `${prefix} "table2-unfreez" (did you mean 'table2-unfreeze'?); ${valid}`);
    refused('table7', `${prefix} "table7" (did you mean 'table7-augmentation'?); ${valid}`);
    refused('unfreeze', `${prefix} "unfreeze"; ${valid}`);
    refused('', `${prefix} ""; ${valid}`);
  });
});
