export { splitByPatient, DEFAULT_SPLIT_FRACTIONS, type Split, type SplitFractions, type SplitOptions } from './split-by-patient.ts';
export { iterativeStratification, type StratificationExample } from './iterative-stratification.ts';
