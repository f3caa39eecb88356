/**
 * A definition seen under one profile: levels that list `inProfiles` take part only under those
 * profiles (seed 003's learning-rate x epochs grid runs in full under 'paper', its best cell alone
 * under smoke and default), and comparisons or clinical levels naming a level left out are dropped
 * with it. A definition without `inProfiles` comes back unchanged.
 */
import type { ExperimentDefinition } from './definition.ts';
import { definitionFile, ExperimentDefinitionError } from './errors.ts';
import { PROFILE_NAMES } from './profiles/index.ts';

/**
 * The definition restricted to the levels of `profile`.
 * @throws ExperimentDefinitionError naming the level and key 'inProfiles' for an unknown or empty profile list.
 * @example levelsForProfile(seed003Lightweight, 'default').levels.length // 5
 */
export function levelsForProfile(def: ExperimentDefinition, profile: string): ExperimentDefinition {
  for (const level of def.levels) {
    const only = level.inProfiles;
    if (only === undefined) continue;
    const bad = Array.isArray(only) && only.length > 0 ? only.find((p) => !PROFILE_NAMES.includes(p)) : only;
    if (!Array.isArray(only) || only.length === 0 || bad !== undefined)
      throw new ExperimentDefinitionError(
        definitionFile(def.name),
        level.label,
        'inProfiles',
        `expected a non-empty list of profile names (${PROFILE_NAMES.join(', ')}), received ${JSON.stringify(bad ?? only)}`,
      );
  }
  if (def.levels.every((l) => l.inProfiles === undefined || l.inProfiles.includes(profile))) return def;
  const levels = def.levels.filter((l) => l.inProfiles === undefined || l.inProfiles.includes(profile));
  const kept = new Set(levels.map((l) => l.label));
  const comparisons = def.comparisons.filter(
    (c) => (c.kind !== 'pair' || (kept.has(c.a) && kept.has(c.b))) && (c.kind !== 'vs-reference' || kept.has(c.reference)),
  );
  const out: ExperimentDefinition = { ...def, levels, comparisons };
  if (def.clinical?.levels) out.clinical = { ...def.clinical, levels: def.clinical.levels.filter((l) => kept.has(l)) };
  if (def.publishedComparisons) out.publishedComparisons = def.publishedComparisons.filter((c) => kept.has(c.a) && kept.has(c.b));
  return out;
}
