/**
 * @cxr/testkit: helpers shared by the test files of every package (never imported by production
 * code; the lint rule allows it only from *.test.ts and testing.ts files).
 */
export { expectClose } from './expect-close.ts';
export { makeTempDir } from './temp-dir.ts';
