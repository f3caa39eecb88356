// Public exports of the adapters part of @cxr/data (re-exported by ../index.ts).
export {};
