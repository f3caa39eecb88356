// Lint exists to enforce the package dependency directions of ARCHITECTURE.md through Nx tags.
import nx from '@nx/eslint-plugin';
import tsParser from '@typescript-eslint/parser';

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
    ignores: ['**/*.test.ts', '**/testing.ts', '**/testing/**', 'packages/testkit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@cxr/testkit', message: '@cxr/testkit is for *.test.ts and testing.ts files only.' }] },
      ],
    },
  },
];
