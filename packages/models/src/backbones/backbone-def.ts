/** The shape of one registry entry: how to build a backbone's feature extractor and Keras top. */
import type { LayerKit, Sym } from './layer-kit.ts';

export interface FeatureOptions {
  /** EfficientNet only: build Keras' Rescaling + Normalization (+ Rescaling) input stage. */
  includeKerasPreprocessing: boolean;
}

export interface BackboneDef {
  name: string;
  /** One line for `cxr models summary` and error messages. */
  description: string;
  /** Whether the Keras model has a built-in preprocessing stage (EfficientNet). */
  hasKerasPreprocessing: boolean;
  /** Builds the feature extractor on a channels-last input; returns the last 4-D feature map. */
  features(kit: LayerKit, input: Sym, opts: FeatureOptions): Sym;
  /**
   * Names of the layers whose outputs are C3, C4, C5 (strides 8, 16, 32) for a feature pyramid;
   * absent = the backbone offers no multi-scale taps and refuses `featurePyramid`.
   */
  pyramidTaps?: readonly [string, string, string];
  /** Keras' classification top (include_top=True) on the feature map. */
  top(kit: LayerKit, features: Sym, classes: number): Sym;
}
