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
export {
  PHANTOM_LAYOUTS,
  GENERATED_DATASETS,
  generatedPhantomLayout,
  type PhantomLayout,
  type PhantomLayoutWriter,
  type LayoutImage,
  type LayoutOutput,
} from './layout.ts';
export { DEFAULT_PHANTOM_RISK, riskMultiplier, apProbability, type PhantomRisk } from './risk.ts';
export { TARGET_LESIONS, TARGET_LESION_RATES, studyLesions, type TargetLesion, type StudyLesions } from './target-lesions.ts';
export { nihRows, nihCsv, PHANTOM_TO_NIH, LESION_TO_NIH, NIH_ALWAYS_NEGATIVE, NIH_TEST_SHARE, type NihPhantomRow } from './nih-layout.ts';
export {
  chexpertRows,
  chexpertCsv,
  PHANTOM_TO_CHEXPERT,
  LESION_TO_CHEXPERT,
  CHEXPERT_UNCERTAINTY,
  CHEXPERT_VALID_SHARE,
  type ChexpertPhantomRow,
  type ChexpertCell,
} from './chexpert-layout.ts';
export { phantomLayoutWriter, phantomLayoutSpec, planPhantomLayout } from './layouts.ts';
