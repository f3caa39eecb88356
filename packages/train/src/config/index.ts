export * from './run-config.ts';
export * from './schema.ts';
export * from './run-config-schema.ts';
export * from './presets.ts';
export * from './resolve.ts';
export * from './base-rates.ts';
