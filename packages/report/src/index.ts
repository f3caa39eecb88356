// Public entry of @cxr/report. Exports are added by the modules that implement them.
export type * from './report-types.ts';
