const { startMock } = require('authmock');

module.exports = async () => {
  // localhost (127.0.0.1 and [::1]) on a free port; pass { port: 4010 } for a fixed one.
  const mock = await startMock();
  globalThis.__authmock = mock;
  // Test files run in other contexts: they find the mock through the environment.
  process.env.AUTHMOCK_URL = mock.url;
};
