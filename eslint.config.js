// Lint rules for the whole project. Formatting is Prettier's job (`.prettierrc.json`), so no rule here
// is about layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_TOOLING = { group: ['**/tools/**', '**/test/**'], message: 'src/ must not import tooling or tests' };

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      '.tmp/',
      'migrations/meta/',
      'test/sdk/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // The page's scripts run in the browser. TypeScript checks every name they use against the DOM's
    // and d3's declarations (page/tsconfig.json), which no-undef cannot read.
    files: ['page/**/*.js'],
    rules: { 'no-undef': 'off' },
  },
  {
    // The service: small functions (STYLE.md), and nothing from the tooling or the tests, so that
    // neither is ever compiled into dist/ or shipped in the image.
    files: ['src/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [NO_TOOLING],
        },
      ],
    },
  },
  {
    // The seed (the write side) stands below the API: of the features it reads only what an item is
    // (item.ts) and how it is built (projection.ts), and nothing of HTTP. Its command, a composition
    // root, hands it what is built beside a database (the dumps).
    files: ['src/seed/**/*.ts'],
    ignores: ['src/seed/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_TOOLING,
            { group: ['**/http/**', '**/plugins/**'], message: 'the seed must not import the HTTP layer' },
            {
              regex: '/features/(?!\\w+/(item|projection)\\.js$)',
              message: 'the seed may import of the features only their item.ts and projection.ts',
            },
          ],
        },
      ],
    },
  },
);
