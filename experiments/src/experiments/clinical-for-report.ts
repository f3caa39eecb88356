/** How `cxr report --clinical / --reference FILE` changes the experiments' clinical requests. */
import { LIZ_EFFNET_REFERENCE, type ReferenceColumn, type ReportExperiment } from '@cxr/report';

/**
 * The experiments with their clinical section as the flags ask: `reference` (a column read from
 * the user's file) replaces every experiment's reference and implies `clinical`; `clinical` gives
 * each experiment without a clinical request one with the default "Liz, EffNet" column. Neither:
 * the experiments as defined.
 *
 * @example withClinical([table2], { clinical: true, reference: null })[0].clinical!.reference!.name // 'Liz, EffNet'
 */
export function withClinical(
  experiments: readonly ReportExperiment[],
  flags: { clinical: boolean; reference: ReferenceColumn | null },
): ReportExperiment[] {
  if (!flags.clinical && !flags.reference) return [...experiments];
  return experiments.map((e) => ({
    ...e,
    clinical: { ...(e.clinical ?? {}), reference: flags.reference ?? e.clinical?.reference ?? LIZ_EFFNET_REFERENCE },
  }));
}
