// Public exports of the phantom part of @cxr/data (re-exported by ../index.ts).
export {};
