import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExperimentDefinition } from './definition.ts';
import { ExperimentDefinitionError } from './errors.ts';
import { EXPERIMENTS } from './registry.ts';
import { table2Unfreeze } from './table2-unfreeze.ts';
import { validateDefinition } from './validate-definition.ts';

/** A writable copy of Table 2 with one thing broken. */
function broken(change: (d: ExperimentDefinition & Record<string, unknown>) => void): ExperimentDefinition {
  const copy = structuredClone(table2Unfreeze) as ExperimentDefinition & Record<string, unknown>;
  change(copy);
  return copy;
}

function refuses(definition: ExperimentDefinition, message: RegExp): void {
  assert.throws(
    () => validateDefinition(definition),
    (error: unknown) => {
      assert.ok(error instanceof ExperimentDefinitionError, String(error));
      assert.match(error.message, message);
      return true;
    },
  );
}

const FILE = 'experiments/src/experiments/table2-unfreeze\\.ts';

describe('validateDefinition', () => {
  it('accepts every registered experiment', () => {
    for (const definition of EXPERIMENTS) validateDefinition(definition);
  });

  it('refuses an unknown key in the base, naming the file and the key with a did-you-mean', () => {
    const d = broken((d) => (d.base = { model: { unfreez: 0.5 } } as never));
    refuses(
      d,
      new RegExp(
        `^${FILE}: key 'base\\.model\\.unfreez': unknown key \\(did you mean 'unfreeze'\\?\\); valid keys: backbone, head, init, unfreeze, featurePyramid, patientInputs$`,
      ),
    );
  });

  it("refuses an unknown key in a level's override, naming the file, the level and the key", () => {
    const d = broken((d) => (d.levels[4]!.override = { epoch: 3 } as never));
    refuses(d, new RegExp(`^${FILE}: level '90 %': key 'override\\.epoch': unknown key \\(did you mean 'epochs'\\?\\)`));
  });

  it('refuses a level override that does not validate: expected and received', () => {
    refuses(
      broken((d) => (d.levels[0]!.override = { model: { unfreeze: 1.5 } })),
      new RegExp(`^${FILE}: level '0 %': key 'override\\.model\\.unfreeze': expected a number <= 1, received 1\\.5`),
    );
    refuses(
      broken((d) => (d.levels[1]!.override = { model: { backbone: 'efficientnet-b0' } })),
      /level '25 %': key 'override\.model\.backbone': .*received "efficientnet-b0" \(did you mean 'efficientnetb0'\?\)/,
    );
  });

  it('refuses a base whose value is of the wrong type', () => {
    refuses(
      broken((d) => (d.base = { epochs: 'many' } as never)),
      new RegExp(`^${FILE}: key 'base\\.epochs': expected a finite number, received "many"`),
    );
  });

  it('refuses duplicate and empty level labels', () => {
    refuses(
      broken((d) => (d.levels[5]!.label = '90 %')),
      new RegExp(`^${FILE}: key 'levels\\[5\\]\\.label': duplicate level label "90 %" \\(levels\\[4\\] has it too\\)`),
    );
    refuses(
      broken((d) => (d.levels[2]!.label = ' ')),
      /key 'levels\[2\]\.label': expected a non-empty label, received " "/,
    );
  });

  it('refuses an experiment without levels or with a regime that is not a string', () => {
    refuses(
      broken((d) => (d.levels = [])),
      /key 'levels': expected at least one level, received an array of length 0/,
    );
    refuses(
      broken((d) => (d.levels[0]!.regime = undefined as never)),
      /key 'levels\[0\]\.regime': expected a string \('' where the table has no regime column\), received undefined/,
    );
  });

  it('refuses a name that is not kebab-case', () => {
    refuses(
      broken((d) => (d.name = 'Table 2')),
      /^experiments\/src\/experiments\/Table 2\.ts: key 'name': expected a kebab-case name .*received "Table 2"$/,
    );
  });

  it('refuses an unknown level in a comparison, with a did-you-mean and the level names', () => {
    refuses(
      broken((d) => (d.comparisons = [{ kind: 'pair', a: '90%', b: '100 %' }])),
      new RegExp(
        `^${FILE}: key 'comparisons\\[0\\]\\.a': unknown level "90%" \\(did you mean '90 %'\\?\\); levels: '0 %', '25 %', '50 %', '75 %', '90 %', '100 %'$`,
      ),
    );
    refuses(
      broken((d) => (d.comparisons = [{ kind: 'vs-reference', reference: 'head only' }])),
      /key 'comparisons\[0\]\.reference': unknown level "head only"; levels:/,
    );
    refuses(
      broken((d) => (d.comparisons = [{ kind: 'pair', a: '90 %', b: '90 %' }])),
      /key 'comparisons\[0\]': a level compared with itself \("90 %"\)/,
    );
    refuses(
      broken((d) => (d.comparisons = [{ kind: 'best-vs-worst' } as never])),
      /key 'comparisons\[0\]\.kind': expected one of pair, best-vs-next, vs-reference, received "best-vs-worst"/,
    );
    refuses(
      broken((d) => (d.comparisons = undefined as never)),
      /key 'comparisons': expected an array \(may be empty\), received undefined/,
    );
  });

  it('refuses an unknown level or metric in a published comparison, and bad published numbers', () => {
    refuses(
      broken((d) => (d.publishedComparisons![1]!.b = '100')),
      /key 'publishedComparisons\[1\]\.b': unknown level "100"/,
    );
    refuses(
      broken((d) => (d.publishedComparisons![0]!.metric = 'macro_auc')),
      /key 'publishedComparisons\[0\]\.metric': unknown metric "macro_auc"; the experiment's metrics: macro_auc_roc, macro_pr_auc/,
    );
    refuses(
      broken((d) => (d.publishedComparisons![0]!.p = Number.NaN)),
      /key 'publishedComparisons\[0\]\.p': expected a finite number >= 0, received NaN/,
    );
    refuses(
      broken((d) => (d.publishedComparisons = {} as never)),
      /key 'publishedComparisons': expected an array, received an object with keys \[\]/,
    );
  });

  it("refuses a level's published figures for a metric the experiment does not have, or that are not numbers", () => {
    refuses(
      broken((d) => (d.levels[3]!.published = { macro_auc_rc: { mean: 0.7, sd: 0.01 } })),
      new RegExp(
        `^${FILE}: level '75 %': key 'published\\.macro_auc_rc': unknown metric "macro_auc_rc" \\(did you mean 'macro_auc_roc'\\?\\)`,
      ),
    );
    refuses(
      broken((d) => (d.levels[3]!.published = { macro_auc_roc: { mean: 0.7 } as never })),
      /level '75 %': key 'published\.macro_auc_roc': expected \{mean, sd\} of finite numbers, received an object with keys \[mean\]/,
    );
  });

  it('refuses bad seeds and metrics', () => {
    refuses(
      broken((d) => (d.seeds = [])),
      /key 'seeds': expected a non-empty array of seeds, received an array of length 0/,
    );
    refuses(
      broken((d) => (d.seeds = [1, 2, 2])),
      /key 'seeds': expected distinct seeds, received 2 twice/,
    );
    refuses(
      broken((d) => (d.seeds = [1, -1])),
      /key 'seeds': expected integer seeds from 0 to 2147483647, received -1/,
    );
    refuses(
      broken((d) => (d.metrics = [])),
      /key 'metrics': expected a non-empty array of metric names/,
    );
    refuses(
      broken((d) => (d.metrics = ['macro_auc_roc', 'macro_auc_roc'])),
      /key 'metrics': expected distinct metric names, received macro_auc_roc, macro_auc_roc/,
    );
  });
});
