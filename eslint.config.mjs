// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'coverage/',
      '.temporal/',
      'data/',
      'test-artifacts/',
      'node_modules/',
      'scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-ignore': true, 'ts-expect-error': true },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // `() => void promise` and `(x) => log(x)` read well; the rule only forbids the shorthand.
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O layers.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code runs in the deterministic sandbox: no Node built-ins.',
          })),
          patterns: [
            {
              group: ['**/server', '**/server/**', '**/activities', '**/activities/**'],
              message:
                'Workflows call activities through proxyActivities and their types only; never import server/ or activities/ code.',
              allowTypeImports: true,
            },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/testing', 'express'],
              message: 'Not available inside the workflow sandbox.',
            },
          ],
        },
      ],
    },
  },
  {
    // Machines are pure: no Temporal, no I/O.
    files: ['machines/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Machines are pure: no I/O.' })),
          patterns: [
            { group: ['@temporalio/*'], message: 'Machines never import Temporal.' },
            {
              group: ['**/server/**', '**/activities/**', '**/workflows/**'],
              message: 'Machines depend on nothing but xstate and zod.',
            },
          ],
        },
      ],
    },
  },
  {
    // Jest's asymmetric matchers (expect.objectContaining, …) are typed `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // The dashboard runs in the browser (bundled by scripts/build-dashboard.mjs): DOM, no Node.
    files: ['server/dashboard/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The dashboard runs in a browser.',
          })),
          patterns: [
            {
              group: ['@temporalio/*', 'express', '**/machines/**', '**/workflows/**', '../../*'],
              message: 'The dashboard reads the API; it may import types only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
