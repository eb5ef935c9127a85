// typescript-eslint, type-aware where it catches what the compiler does not: a promise nobody awaits (an
// LSP handler whose error vanishes) or one passed where a callback's result is ignored. Import boundaries
// are not configured here: test/meta/layers.test.ts checks them on the compiler's module graph, relative
// imports and layers included, which an import-pattern rule cannot express as well.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', 'test/fixtures/**', 'test/e2e/workspace/**', 'test/corpus/**', 'third_party/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's test()/describe() return promises the runner itself awaits.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // `const { dropped: _, ...kept } = x` is how the code drops a property.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `import fs = require('node:fs')` binds the module object itself (tests wrap its functions).
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      // Control characters are what the code matches on purpose: terminal escapes, hostile input.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests and benchmarks load untyped peers and optional packages with require(), and walk foreign
    // JSON (SARIF) whose shape they are checking, as `any`.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
