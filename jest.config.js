/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/helpers/quiet-temporal-logs.ts'],
  // One workflow bundle for the whole run rather than one per test file that starts a worker.
  globalSetup: '<rootDir>/test/helpers/workflow-bundle-setup.ts',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // ESM-only packages: Node requires them natively, Jest's registry does not.
    '/node_modules/jose/.+\\.js$': '<rootDir>/test/helpers/esm-transform.mjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  // Workflow and API suites start real Temporal servers; give them room on a busy 2-core machine.
  testTimeout: 120_000,
  maxWorkers: 2,
  verbose: true,
};
