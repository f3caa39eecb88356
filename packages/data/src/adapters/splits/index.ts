export {
  splitByPatient,
  DEFAULT_SPLIT_FRACTIONS,
  STRATIFICATION_ORDERS,
  type Split,
  type SplitFractions,
  type SplitOptions,
  type StratificationOrder,
} from './split-by-patient.ts';
export { iterativeStratification, type StratificationExample } from './iterative-stratification.ts';
export { secondOrderStratification, type PairStratificationExample } from './second-order-stratification.ts';
export { distributeEvidence, type EvidenceExample } from './distribute-evidence.ts';
export { labelPairCount, labelPairIndex, pairPositives } from './label-pairs.ts';
export { labelDistribution, labelPairDistribution } from './label-distribution.ts';
export { balancedSubset, SUBSET_CONFIG_SCHEMA, type SubsetConfig } from './balanced-subset.ts';
