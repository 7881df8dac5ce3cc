// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// ---- Dependency rules: which folders may import which (README, "How it is built") ----
//
// Domain logic (src/core) depends on nothing of ours; the worker protocol (src/shared) may use the domain; the
// store and the worker bridges (src/client) never reach up into the app; pages and components get services
// from src/app and never touch the store or a worker bridge themselves; workers run apart from the UI; the
// test build's hooks (src/test-hooks) are wired by the composition root alone. src/dependency-rules.test.ts
// breaches each rule on purpose and checks that lint fails.

/** A relative import that goes into one of `folders` (a top-level folder of the layout). */
const into = (folders) => `^\\.{1,2}/(?:.*/)?(?:${folders.join('|')})/`;

/** `no-restricted-imports` for files that must not import from `folders`, saying why. */
function mayNotImport(folders, why) {
  return { 'no-restricted-imports': ['error', { patterns: [{ regex: into(folders), message: why }] }] };
}

const layers = [
  {
    files: ['src/core/**/*.ts'],
    rules: mayNotImport(
      ['shared', 'app', 'store', 'client', 'pages', 'components', 'test-hooks', 'workers'],
      'src/core is the domain: it imports nothing but itself (its types are what src/shared carries).',
    ),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: mayNotImport(
      ['app', 'store', 'client', 'pages', 'components', 'test-hooks'],
      'src/shared is the worker protocol: it may use src/core, nothing on either side of the boundary.',
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: mayNotImport(
      ['app', 'client', 'pages', 'components', 'test-hooks'],
      'src/store is below the app: services call it, it never calls up.',
    ),
  },
  {
    files: ['src/client/**/*.ts'],
    rules: mayNotImport(
      ['store', 'app', 'pages', 'components', 'test-hooks'],
      'src/client only bridges to the workers: results go to a service (src/app/services), which stores them.',
    ),
  },
  {
    files: ['src/pages/**/*.ts', 'src/components/**/*.ts'],
    rules: mayNotImport(
      ['store', 'client', 'test-hooks'],
      'Pages and components use services (src/app/services, through their contexts), never the store or a worker bridge.',
    ),
  },
  {
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/services.ts'],
    rules: mayNotImport(
      ['test-hooks'],
      'Only the composition root (src/app/services.ts) wires the test hooks, behind __TEST_HOOKS__.',
    ),
  },
  {
    // The database connection is the repositories' alone (tests may read raw rows to check what was stored).
    files: ['src/**/*.ts', 'workers/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/store/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='idb']",
          message: 'Only the repositories in src/store touch the database connection; call a repository.',
        },
      ],
    },
  },
  {
    files: ['workers/**/*.ts'],
    rules: mayNotImport(
      ['app', 'client', 'pages', 'components', 'test-hooks'],
      'Workers run apart from the UI: they may use src/core and src/shared, not the app or its bridges.',
    ),
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-test/',
      'dist-subpath/',
      'dev-dist/',
      'node_modules/',
      'public/',
      'test-results/',
      'playwright-report/',
      'e2e-artifacts/',
      'bench-results/',
      '.cache/',
      // flatc output and its tsc compilation (npm run models:flatc): generated, not hand-written.
      'scripts/models/tflite-generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // No `any` escapes in our code.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  ...layers,
  {
    // Build, install and harness scripts are plain Node ESM: no type-aware rules, Node globals.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  prettier,
);
