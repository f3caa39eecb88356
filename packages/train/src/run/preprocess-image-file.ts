import * as tf from '@tensorflow/tfjs';
import { createMemoryImageCache, decodeToGray, evalBatches } from '@cxr/data';
import type { ImageConfig } from '../config/run-config.ts';

/**
 * One radiograph file (PNG 8 or 16 bit, JPEG) as the network input of a run with `image`:
 * size x size x channels float32, row-major (HWC). It goes through the training pipeline's own
 * code - decodeToGray (what the image cache stores) and evalBatches (channels, normalisation) -
 * so a stored test image gives exactly the input its run was evaluated on.
 *
 * @throws DataFileError naming the file when it is missing, empty, not an image or corrupt;
 *   DataArgumentError for an invalid size, channel count or normalisation.
 * @example await preprocessImageFile('scan.png', { size: 32, channels: 1, normalization: 'unit' }) // Float32Array(1024)
 */
export async function preprocessImageFile(path: string, image: ImageConfig): Promise<Float32Array> {
  const gray = await decodeToGray(path, image.size);
  const batches = evalBatches({
    cache: createMemoryImageCache(image.size, gray),
    indices: [0],
    targets: [new Float32Array(1)], // evalBatches wants targets; prediction has none
    batchSize: 1,
    channels: image.channels,
    normalization: image.normalization,
  });
  const batch = batches.next().value!;
  try {
    return (await batch.xs.data()) as Float32Array;
  } finally {
    tf.dispose([batch.xs, batch.ys]);
  }
}
