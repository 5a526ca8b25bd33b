/**
 * The contract suites alone: `npm run contract` and `authmock contract`.
 * CONTRACT_JUNIT sets the JUnit file (default reports/contract-junit.xml).
 * Without a CONTRACT_* target the global set-up under test/support starts the
 * mock in-process; `authmock contract` always hands the kit a target.
 */
const path = require('node:path');
const base = require('./jest.config.js');
const junit = process.env.CONTRACT_JUNIT || 'reports/contract-junit.xml';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: __dirname,
  roots: ['<rootDir>/contracts'],
  testMatch: ['**/*.contract.ts'],
  // Failures are redacted before jest prints them or writes the JUnit file.
  testEnvironment: '<rootDir>/contracts/jest/redacting-environment.ts',
  reporters: ['default', ['jest-junit', { outputDirectory: path.dirname(junit), outputName: path.basename(junit), suiteNameTemplate: '{filename}', classNameTemplate: '{classname}', titleTemplate: '{title}' }]],
};
