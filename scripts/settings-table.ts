import fs from 'node:fs';
import path from 'node:path';
import { discoverApis } from '../mock-server/apis';
import { configSchema } from '../mock-server/config';
import { settingsTable } from '../mock-server/config-schema';

/** Rewrites the README's settings table from the config schema: `npm run build && node dist/scripts/settings-table.js`. */
export const README_MARKERS = ['<!-- settings:start -->', '<!-- settings:end -->'] as const;

export function readmeWithSettings(readme: string): string {
  const [start, end] = README_MARKERS;
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
  return `${readme.slice(0, from + start.length)}\n${settingsTable(configSchema(discoverApis()))}\n${readme.slice(to)}`;
}

if (require.main === module) {
  const file = path.resolve(__dirname, '..', '..', 'README.md');
  fs.writeFileSync(file, readmeWithSettings(fs.readFileSync(file, 'utf8')));
  console.log(`rewrote the settings table in ${file}`);
}
