// Backend selection and the wasm training kernels (issue 8); re-exported by ../index.ts.
export {};
