/**
 * `npm test`: unit and integration tests, and the contract suites against the
 * mock started in-process (no CONTRACT_* target is set there).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/mock-server', '<rootDir>/contracts', '<rootDir>/fixtures', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // *.serial.test.ts run alone afterwards (jest.serial.config.js).
  testPathIgnorePatterns: ['/node_modules/', '\\.serial\\.test\\.ts$'],
  // Type checking is done once by `tsc --noEmit`; jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }], '\\.mjs$|/node_modules/until-async/.+\\.js$': '<rootDir>/test/support/esm-transform.js' },
  // msw's ES-module-only dependencies (.mjs files, until-async) are turned into CommonJS (see esm-transform.js); the rest of node_modules is left alone.
  transformIgnorePatterns: ['/node_modules/(?!.*\\.mjs$|until-async/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  setupFilesAfterEnv: ['<rootDir>/contracts/jest/setup-matchers.ts'],
  // Starts the mock for the contract suites (unless a CONTRACT_* target is set), then the kit's set-up.
  globalSetup: '<rootDir>/test/support/contract-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/contract-global-teardown.ts',
  testTimeout: 30000,
  // `npm run coverage` only (npm test leaves it off, so its verdict stays the last line). V8's own
  // counters, as instrumenting the generated validators under dist/ would not parse.
  coverageProvider: 'v8',
  coveragePathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '/generated/'],
  // A four-line summary in the terminal, the file-by-file table in coverage/index.html.
  coverageReporters: ['text-summary', 'html'],
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit.xml' }]],
};
