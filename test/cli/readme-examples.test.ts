import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = ['jest/jest.config.js', 'jest/global-setup.js', 'jest/global-teardown.js', 'jest/activation.test.js', 'playwright/playwright.config.ts', 'playwright/activation.spec.ts'];

describe('the README shows the example files CI runs', () => {
  test.each(EXAMPLES)('examples/%s appears in the README as it is', (file) => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8').trimEnd();
    expect(README).toContain(`\`examples/${file}\`:\n\n\`\`\`${file.endsWith('.ts') ? 'ts' : 'js'}\n${text}\n\`\`\``);
  });
});
