/**
 * Tests that measure time against a real process and disk (the state file
 * under kill -9): run after the rest, alone, so that a busy sibling worker
 * (a browser test, a build) cannot make a correct save look late.
 * `npm test` runs this after jest.config.js; JUnit goes to reports/junit-serial.xml.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/*.serial.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'junit-serial.xml' }]],
};
