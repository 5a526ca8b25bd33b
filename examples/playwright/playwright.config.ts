import { defineConfig } from '@playwright/test';

// Playwright starts the mock before the tests and stops it after them.
export default defineConfig({
  webServer: {
    command: 'npx authmock --port 4010',
    url: 'http://127.0.0.1:4010/__admin/users?vendor=akana',
    reuseExistingServer: !process.env.CI,
  },
  use: { baseURL: 'http://localhost:3000' },
});
