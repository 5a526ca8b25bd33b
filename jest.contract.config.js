/**
 * The contract suites alone: `npm run contract` and `authmock contract`.
 * CONTRACT_JUNIT sets the JUnit file (default reports/contract-junit.xml).
 */
const path = require('node:path');
const junit = process.env.CONTRACT_JUNIT || 'reports/contract-junit.xml';

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/contracts'],
  testMatch: ['**/*.contract.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/contracts/jest/setup-matchers.ts'],
  globalSetup: '<rootDir>/contracts/jest/global-setup.ts',
  globalTeardown: '<rootDir>/contracts/jest/global-teardown.ts',
  testTimeout: 30000,
  reporters: ['default', ['jest-junit', { outputDirectory: path.dirname(junit), outputName: path.basename(junit), suiteNameTemplate: '{filename}', classNameTemplate: '{classname}', titleTemplate: '{title}' }]],
};
