// Lint exists to enforce the package dependency directions of ARCHITECTURE.md through Nx tags.
import nx from '@nx/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

const testkitOnlyInTests = { name: '@cxr/testkit', message: '@cxr/testkit is for *.test.ts and testing.ts files only.' };
const testHelperFiles = ['**/*.test.ts', '**/testing.ts', '**/testing/**', 'packages/testkit/**'];

// @cxr/train in layers, each importing only those below it (its two entries, `@cxr/train` and
// `@cxr/train/bench`, keep the same order):
//   backend (backend selection, wasm kernels)
//   -> step with optim, losses, schedule, config (one training step and what it uses)
//   -> run (the phases of one run) -> pretrain (uses the run's fit)
//   -> bench (benchmarks; not in the public entry)
const trainLayers = [
  { folders: ['backend'], banned: ['step', 'run', 'pretrain', 'bench'] },
  { folders: ['step', 'optim', 'losses', 'schedule', 'config'], banned: ['run', 'pretrain', 'bench'] },
  { folders: ['run'], banned: ['pretrain', 'bench'] },
  { folders: ['pretrain', '.'], banned: ['bench'] },
];

/**
 * The no-restricted-imports settings of one layer: relative imports of a banned folder
 * (`../run/x.ts`, `../../bench/x.ts`, `./bench/x.ts` from src/) fail. Flat config lets a later
 * object replace a rule's options, so the layer's non-test files also keep the testkit ban.
 */
function trainLayerConfigs({ folders, banned }) {
  const files = folders.map((f) => (f === '.' ? 'packages/train/src/*.ts' : `packages/train/src/${f}/**/*.ts`));
  const names = folders.map((f) => (f === '.' ? 'src/*.ts' : `${f}/`)).join(', ');
  const message = `@cxr/train layers (backend -> step -> run -> pretrain -> bench, eslint.config.mjs): ${names} may not import ${banned.map((b) => `${b}/`).join(', ')}.`;
  const patterns = [{ regex: `^(\\.{1,2}/)+(${banned.join('|')})/`, message }];
  return [
    { files, rules: { 'no-restricted-imports': ['error', { patterns }] } },
    { files, ignores: testHelperFiles, rules: { 'no-restricted-imports': ['error', { paths: [testkitOnlyInTests], patterns }] } },
  ];
}

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', 'data/**', 'weights/**', 'reports/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:testkit'] },
            { sourceTag: 'scope:testkit', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:data', onlyDependOnLibsWithTags: ['scope:core', 'scope:testkit'] },
            { sourceTag: 'scope:stats', onlyDependOnLibsWithTags: ['scope:core', 'scope:testkit'] },
            { sourceTag: 'scope:results', onlyDependOnLibsWithTags: ['scope:core', 'scope:testkit'] },
            { sourceTag: 'scope:models', onlyDependOnLibsWithTags: ['scope:core', 'scope:data', 'scope:testkit'] },
            {
              sourceTag: 'scope:train',
              onlyDependOnLibsWithTags: ['scope:core', 'scope:data', 'scope:models', 'scope:stats', 'scope:results', 'scope:testkit'],
            },
            { sourceTag: 'scope:report', onlyDependOnLibsWithTags: ['scope:core', 'scope:stats', 'scope:results', 'scope:testkit'] },
            {
              sourceTag: 'scope:experiments',
              onlyDependOnLibsWithTags: [
                'scope:core',
                'scope:data',
                'scope:models',
                'scope:train',
                'scope:stats',
                'scope:report',
                'scope:results',
                'scope:testkit',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // The shared test helpers are for tests only.
    files: ['**/*.ts'],
    ignores: testHelperFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [testkitOnlyInTests] }] },
  },
  ...trainLayers.flatMap(trainLayerConfigs),
];
