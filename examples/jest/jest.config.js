/**
 * A frontend project's jest config using authmock: one mock for the whole run
 * (globalSetup/globalTeardown), and the contract matcher in every test file.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  globalSetup: './global-setup.js',
  globalTeardown: './global-teardown.js',
  setupFilesAfterEnv: ['authmock/jest'],
};
