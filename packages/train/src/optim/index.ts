export * from './grouped-adam.ts';
