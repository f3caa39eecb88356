/**
 * Public entry of @cxr/data: dataset adapters, the phantom generator, preprocessing, the image
 * cache, splits, sampling, augmentation and mixing, and the seeded random streams they share.
 */
export * from './errors.ts';
export * from './records.ts';
export * from './random/index.ts';
export * from './adapters/index.ts';
export * from './pipeline/index.ts';
export * from './phantom/index.ts';
