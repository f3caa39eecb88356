// Public exports of the pipeline part of @cxr/data (re-exported by ../index.ts).
export {};
