/**
 * Every experiment definition, in thesis table order; `cxr sweep EXPERIMENT` looks names up here.
 */
import { didYouMean } from '@cxr/train';
import type { ExperimentDefinition } from './definition.ts';
import { ExperimentDefinitionError } from './errors.ts';
import { table1Backbones } from './table1-backbones.ts';
import { table2Unfreeze } from './table2-unfreeze.ts';
import { table3Init } from './table3-init.ts';
import { table4Head } from './table4-head.ts';
import { table5Loss } from './table5-loss.ts';
import { table6Oversampling } from './table6-oversampling.ts';
import { table7Augmentation } from './table7-augmentation.ts';
import { table8Final } from './table8-final.ts';
import { seed000Fusion } from './seed000-fusion.ts';
import { seed001Uncertainty } from './seed001-uncertainty.ts';
import { seed003Lightweight } from './seed003-lightweight.ts';
import { seed004Unet } from './seed004-unet.ts';
import { table9Reference } from './table9-reference.ts';

/** Tables 1-9 of the thesis (Table 9's experiment also carries Table 10), in table order, then the sibling systems' experiments (deep-frozen: a sweep cannot change a definition by accident). */
export const EXPERIMENTS: readonly ExperimentDefinition[] = deepFreeze([
  table1Backbones,
  table2Unfreeze,
  table3Init,
  table4Head,
  table5Loss,
  table6Oversampling,
  table7Augmentation,
  table8Final,
  table9Reference,
  seed000Fusion,
  seed001Uncertainty,
  seed003Lightweight,
  seed004Unet,
]);

/** Their names (= file names), in the same order. */
export const EXPERIMENT_NAMES: readonly string[] = Object.freeze(EXPERIMENTS.map((e) => e.name));

/**
 * The registered experiment called `name`.
 *
 * @throws ExperimentDefinitionError for an unknown name, with "did you mean" and the valid names.
 * @example findExperiment('table2-unfreeze').thesisTable // 'Table 2'
 */
export function findExperiment(name: string): ExperimentDefinition {
  const found = EXPERIMENTS.find((e) => e.name === name);
  if (!found)
    throw new ExperimentDefinitionError(
      'experiments/src/experiments/registry.ts',
      null,
      'experiment',
      `unknown experiment ${JSON.stringify(name)}${suggestion(String(name))}; valid experiments: ${EXPERIMENT_NAMES.join(', ')}`,
    );
  return found;
}

/** " (did you mean 'x'?)" for a near miss, or for the one name that `name` starts ('table2' -> 'table2-unfreeze'). */
function suggestion(name: string): string {
  const near = didYouMean(name, EXPERIMENT_NAMES);
  if (near) return near;
  const prefixed = EXPERIMENT_NAMES.filter((n) => name !== '' && n.startsWith(`${name.toLowerCase()}-`));
  return prefixed.length === 1 ? ` (did you mean '${prefixed[0]}'?)` : '';
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
