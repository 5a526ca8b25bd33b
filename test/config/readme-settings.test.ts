import fs from 'node:fs';
import path from 'node:path';
import { readmeWithSettings } from '../../scripts/settings-table';

test("the README's settings table is the one the config schema generates", () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  // If this fails, run `npm run build && node dist/scripts/settings-table.js`.
  expect(readmeWithSettings(readme)).toBe(readme);
});
