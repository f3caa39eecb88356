import type { RunConfig } from './run-config.ts';

/**
 * The configured (unscheduled) learning rates of a run: the head's, and the backbone's with
 * 'auto' meaning 1e-4 for a fine-tuned pretrained backbone and the head's rate for a randomly
 * initialised one (thesis: 1e-3 for from-scratch networks and heads, 1e-4 for fine-tuned
 * extractors).
 *
 * @example baseLearningRates(presetConfig('paper')) // {head: 0.001, backbone: 0.0001}
 */
export function baseLearningRates(config: RunConfig): { head: number; backbone: number } {
  const { lrHead, lrBackbone } = config.optimizer;
  if (lrBackbone !== 'auto') return { head: lrHead, backbone: lrBackbone };
  return { head: lrHead, backbone: config.model.init === 'random' ? lrHead : 1e-4 };
}
