/**
 * Public entry of @cxr/models: the backbone zoo (CNN-k and Keras Applications architectures with
 * Keras layer names), classification heads, partial unfreezing, parameter and FLOP counts, and
 * weights IO (tfjs-layers checkpoints on disk, Keras-converted weights by layer name).
 * Importing it registers the custom layers (Keras-semantics BatchNormalization, seeded Dropout,
 * per-channel Rescaling, Normalization) for model (de)serialisation.
 */
export * from './errors.ts';
export { layerSeed } from '@cxr/core';
export * from './layers/index.ts';
export { BACKBONE_NAMES, buildBackbone, getBackboneDef, type BackboneOptions } from './backbones/registry.ts';
export type { BackboneDef } from './backbones/backbone-def.ts';
export { parseHeadSpec, headWord, HEAD_PREFIX, type HeadLayerSpec, type HeadWord } from './head.ts';
export { buildModel, isHeadLayer, PATIENT_UNITS, type ModelSpec } from './build-model.ts';
export { unfreezeTop, type UnfreezeResult } from './unfreeze.ts';
export { countParams, type ParamCounts } from './count-params.ts';
export { estimateFlops } from './flops.ts';
export { saveModelTo, loadModelFrom, saveBackboneTo, readModelMetadata } from './io/save-load.ts';
export { loadWeightsByName, type LoadReport, type LoadByNameOptions } from './io/load-weights-by-name.ts';
export { isUrl } from './io/weights-source.ts';
export * from './gradcam/index.ts';
