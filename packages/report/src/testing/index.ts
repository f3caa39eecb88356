/**
 * Test helpers of @cxr/report (import as '@cxr/report/testing' from tests and benchmarks only): a
 * fixture results store built through the real store API and the description of its experiments.
 */
export { sampleReportModel } from './sample-model.ts';
export { findChromium, CHROMIUM_ARGS } from './chromium.ts';
export { matchGolden } from './golden.ts';
export { buildFixtureStore } from './fixture-store.ts';
export { FIXTURE_TEST_IMAGES, FIXTURE_UNCERTAIN_TEST_IMAGES, FIXTURE_VAL_IMAGES, fixturePredictions } from './fixture-predictions.ts';
export { FIXTURE_EXPERIMENTS, FIXTURE_LOSS_EXPERIMENT, FIXTURE_UNFREEZE_EXPERIMENT } from './fixture-experiments.ts';
export {
  FIXTURE_FINGERPRINT,
  FIXTURE_LABELS,
  FIXTURE_LOSS,
  FIXTURE_PLANS,
  FIXTURE_SEEDS,
  FIXTURE_START_MS,
  FIXTURE_UNFREEZE,
  type FixtureExperimentPlan,
  type FixtureLevelPlan,
  type FixtureOutcome,
  type FixtureRunPlan,
} from './fixture-data.ts';
