export * from './grouped-adam.ts';
export * from './optimizer-names.ts';
