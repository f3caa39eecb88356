export * from './label-counts.ts';
export * from './label-weights.ts';
export * from './losses.ts';
export * from './registry.ts';
