/**
 * The default profile: the embedded phantom set, sized for a sweep on 2 CPU cores.
 * PLACEHOLDER: its override is being tuned (issue 15, item 5) and will be replaced.
 */
import type { Profile } from '../definition.ts';

export const defaultProfile: Profile = {
  name: 'default',
  description: 'the embedded phantom set at 64 px, 3 epochs (placeholder, being tuned)',
  override: { dataset: { name: 'phantom', phantom: { images: 1500, size: 64, seed: 2024 } }, image: { size: 64 }, epochs: 3 },
  pretrain: { images: 1000, epochs: 3, batchSize: 32, seed: 0 },
};
