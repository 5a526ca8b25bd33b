import { defineConfig } from '@playwright/test';

// App and mock share the host name localhost, so the Edge Impulse `jwt` cookie
// (SameSite=Lax) that the mock sets goes with the app's requests to it.
const mockPort = Number(process.env.MOCK_PORT ?? 4010);
const appPort = Number(process.env.APP_PORT ?? 3000);
const mockUrl = `http://localhost:${mockPort}`;

// Playwright starts the mock and the app before the tests and stops them after them.
export default defineConfig({
  testDir: '.',
  timeout: 30_000,
  webServer: [
    {
      command: `npx authmock --port ${mockPort} --quiet`,
      url: `${mockUrl}/__admin/health`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: 'node app.js',
      url: `http://localhost:${appPort}/`,
      env: { APP_PORT: String(appPort), MOCK_URL: mockUrl },
      reuseExistingServer: !process.env.CI,
    },
  ],
  use: {
    baseURL: `http://localhost:${appPort}`,
    // The system's Chromium (Debian's chromium package), no browser download.
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' },
  },
});
