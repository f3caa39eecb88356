// Public exports of the phantom part of @cxr/data (re-exported by ../index.ts).
export {
  PHANTOM_LABELS,
  PHANTOM_LABEL_SETS,
  DEFAULT_PHANTOM_SPEC,
  DEFAULT_PHANTOM_SET,
  mergePhantomSpec,
  validatePhantomSpec,
  baseRate,
  severityOf,
  type PhantomLabel,
  type PhantomSpec,
  type SeveritySpec,
  type CooccurrenceRule,
} from './spec.ts';
export {
  samplePatientAnatomy,
  samplePose,
  sampleExposure,
  sampleMarker,
  cardiothoracicRatio,
  type PatientAnatomy,
  type Pose,
  type Exposure,
  type FindingInstance,
  type PhantomParams,
  type PhantomProjection,
} from './params.ts';
export { renderPhantom, renderAttenuation } from './render.ts';
export { withFindingSide, withoutFinding, LATERALIZED_PHANTOM_LABELS, type LateralizedPhantomLabel } from './moved-finding.ts';
export { findingRegion, type FindingRegionOptions } from './finding-region.ts';
export { planPhantomDataset, PHANTOM_OTHER_LABELS, type PhantomRow, type PhantomPlan, type PlanOptions } from './plan.ts';
export { padchestCsv, padchestFields } from './padchest-csv.ts';
export {
  writePhantomDataset,
  encodePhantomPng,
  PHANTOM_GENERATOR_VERSION,
  PHANTOM_MANIFEST_NAME,
  PHANTOM_TRUTH_NAME,
  type WritePhantomOptions,
  type WritePhantomResult,
} from './write-dataset.ts';
export {
  generatePhantomSource,
  PHANTOM_SOURCE_SPEC,
  PHANTOM_SOURCE_TARGETS,
  PHANTOM_VISIBLE_LABELS,
  type PhantomSource,
} from './source.ts';
export { makeContactSheet, type ContactSheetLayout, type ContactSheetPick, type SheetBox, type SheetCaption } from './contact-sheet.ts';
