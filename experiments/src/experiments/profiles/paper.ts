/**
 * The paper profile: the thesis protocol as it stands (002, Methods; PAPER_CONFIG): 224 px, up to
 * 50 epochs, early stopping patience 20, ReduceLROnPlateau patience 8, batch 32, on PadChest
 * (give --data-dir). It adds nothing to the definitions' bases.
 */
import type { Profile } from '../definition.ts';

export const paperProfile: Profile = {
  name: 'paper',
  description: 'the thesis protocol: PadChest, 224 px, up to 50 epochs, patience 20 and 8, batch 32',
  override: {},
  // cxr pretrain's defaults; the thesis itself starts from ImageNet weights (convert them and pass cxr pretrain --weights)
  pretrain: { images: 2000, epochs: 10, batchSize: 32, seed: 0 },
};
