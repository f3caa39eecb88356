/**
 * An experiment definition and a profile turned into what a sweep runs: one fully resolved,
 * validated RunConfig per level and its (level, seed) cells with the config hash the trainer
 * registers them under, plus what the report needs.
 */
import type { ReportExperiment } from '@cxr/report';
import { PAPER_CONFIG, runConfigHash, type ConfigLayer, type RunConfig } from '@cxr/train';
import { CliArgumentError, parseSeed } from '../cli/parse-seed.ts';
import { resolveSearchCells, type ResolvedSearch } from '../search/search-cells.ts';
import type { SearchTrial } from '../search/search-types.ts';
import type { Cell, ExperimentDefinition, Profile } from './definition.ts';
import { definitionFile, ExperimentArgumentError, ExperimentDefinitionError } from './errors.ts';
import { levelsForProfile } from './levels-for-profile.ts';
import { findProfile } from './profiles/index.ts';
import { findExperiment } from './registry.ts';
import {
  baseLayer,
  checkSeeds,
  experimentProfileLayer,
  levelLayer,
  levelProfileLayer,
  resolveDefinitionLayers,
  validateDefinition,
} from './validate-definition.ts';

export interface ResolvedCell extends Cell {
  config: RunConfig;
  /** A search trial's cell: its number, sampled values and the level it searches. */
  trial?: SearchTrial & { of: string };
}

export interface ResolvedExperiment {
  definition: ExperimentDefinition;
  profile: Profile;
  seeds: number[];
  /** PAPER_CONFIG <- definition.base <- profile <- extra layers, resolved and validated. */
  baseConfig: RunConfig;
  /** Levels in table order, then seeds ascending, then the search's trials (if any); index = position. */
  cells: ResolvedCell[];
  /** The definition's search with its trial cells (also in `cells`); null without one. The best trial's replication needs results (search/replication-cells.ts). */
  search: ResolvedSearch | null;
  /** What the report needs: the definition's ReportExperiment part with configHashes per level, seeds, profile name and baseConfig. */
  report: ReportExperiment;
}

export interface ResolveExperimentOptions {
  /** A profile or its name; default 'default'. */
  profile?: Profile | string;
  /** Seeds of every level, run in ascending order; default definition.seeds. */
  seeds?: number[];
  /** Layers applied after the level's override, e.g. from --dataset/--data-dir/--set (ConfigLayer from @cxr/train). */
  extra?: ConfigLayer[];
}

/** The largest seed count `--seeds N` takes (seeds 1..N). */
export const MAX_SEED_COUNT = 1000;

/**
 * Resolves an experiment (a definition or a registered name) under a profile: validates the
 * definition (validateDefinition), keeps the levels of the profile (levelsForProfile: `inProfiles`), then per level PAPER_CONFIG <- base <- profile.override <-
 * definition.profiles[profile] <- level.override <- extra through resolveConfig (each layer checked, SECTION_DEFAULTS for sections
 * a partial override switches on), and the config hash runExperiment registers the runs under
 * (runConfigHash: the identity config, dataset.dataDir left out). Cells are the levels in table
 * order times the seeds ascending, then the search's trial cells (search-cells.ts: the sampled
 * values as a layer right after the level's override, at the trial seed). Pure: nothing on disk is read (the trainer checks prerequisites
 * such as pretrained weights when a cell starts). Cost: one resolveConfig and one SHA-256 per level.
 *
 * @throws ExperimentDefinitionError for an unknown experiment, a definition that does not validate,
 *   or two levels that resolve to the same config (e.g. --set overriding the key the levels vary);
 *   ExperimentArgumentError for bad seeds; TrainConfigError naming the profile or --set layer at fault.
 * @example resolveExperiment('table2-unfreeze', { profile: 'smoke' }).cells.length // 18
 */
export function resolveExperiment(definition: ExperimentDefinition | string, options: ResolveExperimentOptions = {}): ResolvedExperiment {
  const full = typeof definition === 'string' ? findExperiment(definition) : definition;
  validateDefinition(full);
  const profile =
    typeof options.profile === 'object' && options.profile !== null ? options.profile : findProfile(options.profile ?? 'default');
  const def = levelsForProfile(full, profile.name);
  const seeds = [...(options.seeds ?? def.seeds)];
  if (options.seeds !== undefined)
    checkSeeds(options.seeds, (detail) => {
      throw new ExperimentArgumentError('resolveExperiment', 'options.seeds', detail);
    });
  seeds.sort((a, b) => a - b);
  const own = experimentProfileLayer(def, profile.name);
  const profileLayers: ConfigLayer[] = [{ source: `profile '${profile.name}'`, values: profile.override }, ...(own ? [own] : [])];
  const extra = options.extra ?? [];
  // a level's override, then its own layer for this profile (a stand-in backbone)
  const levelLayers = (label: string): ConfigLayer[] => {
    const ownLevel = levelProfileLayer(def, label, profile.name);
    return [levelLayer(def, label), ...(ownLevel ? [ownLevel] : [])];
  };

  const withBase = resolveDefinitionLayers(def, PAPER_CONFIG, [baseLayer(def)]);
  const baseConfig = resolveDefinitionLayers(def, withBase, [...profileLayers, ...extra]);
  const hashes = new Map<string, string>();
  const distinct = (label: string, hash: string, trial = false) => {
    const twin = hashes.get(hash);
    if (twin !== undefined)
      throw new ExperimentDefinitionError(
        definitionFile(def.name),
        label,
        trial ? 'search.params' : 'override',
        `resolves to the same config as level '${twin}' under profile '${profile.name}'` +
          (extra.length ? ` with ${extra.map((l) => l.source).join(', ')}` : '') +
          ` (config hash ${hash.slice(0, 12)}), so their runs could not be told apart; ` +
          (trial
            ? 'the sampled values must change the config (a layer after the levels must not override a searched key, nor a level differ only in one)'
            : extra.length
              ? 'a layer after the levels must not override what they vary'
              : 'the levels must differ in what they override'),
      );
    hashes.set(hash, label);
  };
  const configs = def.levels.map((level) => {
    const config = resolveDefinitionLayers(def, withBase, [...profileLayers, ...levelLayers(level.label), ...extra]);
    const hash = runConfigHash(config);
    distinct(level.label, hash);
    return { level: level.label, config, hash };
  });

  const cells: ResolvedCell[] = [];
  for (const { level, config, hash } of configs)
    for (const seed of seeds) cells.push({ index: cells.length, level, seed, configHash: hash, config });
  const search = def.search
    ? resolveSearchCells(def.search, {
        experiment: def.name,
        levels: def.levels.map((l) => l.label),
        levelConfig: (label) => configs.find((c) => c.level === label)!.config,
        resolveTrial: (label, trial) => resolveDefinitionLayers(def, withBase, [...profileLayers, ...levelLayers(label), trial, ...extra]),
        firstIndex: cells.length,
      })
    : null;
  const trialCells = (search?.levels ?? []).flatMap((l) => l.trials);
  for (const cell of trialCells) {
    distinct(cell.level, cell.configHash, true);
    cells.push(cell);
  }

  const { base: _base, levels, seeds: _seeds, profiles: _profiles, search: _search, ...shared } = def;
  const report: ReportExperiment = {
    ...structuredClone(shared),
    description: standInNote(
      def,
      withBase,
      configs.map((c) => c.config.model.backbone),
      profile.name,
    ),
    levels: [
      ...levels.map(({ override: _override, profiles: _levelProfiles, inProfiles: _inProfiles, ...level }, i) => ({
        ...structuredClone(level),
        configHashes: [configs[i]!.hash],
      })),
      ...trialCells.map((c) => ({
        label: c.level,
        regime: `search trial of ${c.trial!.of}`,
        configHashes: [c.configHash],
        seeds: [c.seed],
      })),
      // its config is known once the trials are done (search/replication-cells.ts); until then the level has no runs
      ...(search?.levels ?? []).map((l) => ({ label: l.best, regime: `best search trial of ${l.level}` })),
    ],
    seeds: [...seeds],
    profile: profile.name,
    baseConfig,
  };
  return { definition: def, profile, seeds, baseConfig, cells, search, report };
}

/**
 * The definition's description, plus a sentence when the profile replaced the backbones the levels
 * would train without it (the page's title still names the thesis'): levels that name their own
 * backbone keep it, so only a backbone the definition's base fixed can be stood in.
 */
function standInNote(def: ExperimentDefinition, withBase: RunConfig, used: string[], profile: string): string | undefined {
  const defined = def.levels.map((level) => resolveDefinitionLayers(def, withBase, [levelLayer(def, level.label)]).model.backbone);
  const distinct = (names: string[]) => [...new Set(names)].join(', ');
  if (distinct(defined) === distinct(used)) return def.description;
  const note = `Under profile '${profile}' the runs train ${distinct(used)} in place of ${distinct(defined)}.`;
  return def.description ? `${def.description} ${note}` : note;
}

/**
 * Parses `--seeds`: a count N means seeds 1..N (`--seeds 5` adds seeds 4 and 5 to the thesis'
 * three), a comma-separated list means those seeds (`--seeds 1,2,5`), each a decimal integer from 0
 * to 2^31-1, distinct; returned in ascending order.
 *
 * @throws CliArgumentError naming the command and --seeds, quoting what arrived.
 * @example parseSeedsOption('3') // [1, 2, 3]
 * @example parseSeedsOption('5,1,2') // [1, 2, 5]
 */
export function parseSeedsOption(value: string, command = 'cxr sweep'): number[] {
  const text = String(value).trim();
  if (!text.includes(',')) {
    if (/^[0-9]+$/.test(text) && Number(text) >= 1 && Number(text) <= MAX_SEED_COUNT)
      return Array.from({ length: Number(text) }, (_, i) => i + 1);
    throw new CliArgumentError(
      `${command}: --seeds expects a count from 1 to ${MAX_SEED_COUNT} (seeds 1..N) or a comma-separated list of seeds (e.g. 1,2,5), received ${JSON.stringify(value)}`,
    );
  }
  const seeds = text.split(',').map((part) => parseSeed(part.trim(), command, '--seeds entry'));
  const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
  if (dup !== undefined) throw new CliArgumentError(`${command}: --seeds lists seed ${dup} twice, received ${JSON.stringify(value)}`);
  return seeds.sort((a, b) => a - b);
}
