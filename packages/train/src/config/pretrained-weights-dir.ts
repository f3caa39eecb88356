import { join } from 'node:path';

/**
 * Where `cxr pretrain` saves, and init 'pretrained' looks for, a backbone's weights:
 * `<root>/pretrained/<backbone>-<size>px-<channels>ch`.
 *
 * @example pretrainedWeightsDir('weights', 'efficientnetb0', 64, 3) // 'weights/pretrained/efficientnetb0-64px-3ch'
 */
export function pretrainedWeightsDir(root: string, backbone: string, size: number, channels: number): string {
  return join(root, 'pretrained', `${backbone}-${size}px-${channels}ch`);
}
