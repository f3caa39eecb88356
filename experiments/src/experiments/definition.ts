/**
 * The shape of one experiment definition (experiments/src/experiments/<name>.ts, one file each):
 * the thesis table it mirrors, its base configuration (the choices the thesis had fixed before that
 * table), its factor's levels as partial config overrides, the seeds, the metrics and comparisons,
 * and the thesis' published figures. A definition is data; `resolveExperiment` (same folder) checks
 * it and turns it into cells. The report reads the ReportExperiment part of it.
 */
import type { ReportExperiment, ReportLevel } from '@cxr/report';
import type { RunConfigOverrides } from '@cxr/train';
import type { SearchDeclaration } from '../search/search-types.ts';

/** One level: what the report shows about it plus the override it applies to the base. */
export interface ExperimentLevel extends ReportLevel {
  override: RunConfigOverrides;
  /**
   * The level's own layer per profile name, applied right after its override: how a profile stands
   * a smaller model in for a backbone the level names (levels are otherwise applied after profiles).
   */
  profiles?: Partial<Record<string, RunConfigOverrides>>;
  /** The profiles whose sweeps include this level (levels-for-profile.ts); absent = every profile. */
  inProfiles?: string[];
}

export interface ExperimentDefinition extends Omit<ReportExperiment, 'levels' | 'profile' | 'baseConfig' | 'seeds'> {
  /** Applied over the 'paper' preset; a profile, then the level, then `--set` go on top. */
  base: RunConfigOverrides;
  levels: ExperimentLevel[];
  /** Default seeds (thesis: three replicates). */
  seeds: number[];
  /**
   * This experiment's own layer per profile name (smoke, default, paper), applied right after that
   * profile's: PAPER_CONFIG <- base <- profile <- profiles[name] <- level <- --set. A sibling
   * system's default profile names its own dataset and sizes here (e.g. the CheXpert-layout phantom).
   */
  profiles?: Partial<Record<string, RunConfigOverrides>>;
  /** A seeded search (../search/search-types.ts): its trials are cells of their own, then the best trial is replicated over `seeds`. */
  search?: SearchDeclaration;
}

/** A named config layer applied to every level of a sweep (smoke, default, paper). */
export interface Profile {
  name: string;
  description: string;
  override: RunConfigOverrides;
  /** How a backbone that cells of this profile need (init 'pretrained') is pretrained on the phantom source set when its weights are missing (`cxr pretrain` options). */
  pretrain: { images: number; epochs: number; batchSize: number; seed: number };
}

/** One (level, seed) of an experiment, fully resolved. */
export interface Cell {
  /** Position in the experiment's cell order (levels in table order, then seeds ascending). */
  index: number;
  level: string;
  seed: number;
  configHash: string;
}
