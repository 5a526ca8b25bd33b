import fs from 'node:fs';
import path from 'node:path';
import { loadSpecs, vendorFacts } from '../../contracts/core';

// A vendor is a spec and a folder (docs/adding-a-vendor.md): the core discovers
// vendors and never names one, so adding a vendor edits no core file. This
// holds for comments too, since a comment naming a vendor is a rule someone
// will look for there.
const ROOT = path.join(__dirname, '..', '..');

/** The core, by folder or file; unit tests beside the code may use any vendor as test data. */
const CORE = [
  'mock-server/domain',
  'mock-server/http',
  'mock-server/apis/admin',
  'mock-server/apis/index.ts',
  'mock-server/state',
  'mock-server/console',
  'mock-server/admin-client.ts',
  'mock-server/cli.ts',
  'mock-server/config.ts',
  'mock-server/config-schema.ts',
  'mock-server/contract-command.ts',
  'mock-server/contract-target.ts',
  'mock-server/create-app.ts',
  'mock-server/fixtures-loader.ts',
  'mock-server/index.ts',
  'mock-server/main.ts',
  'mock-server/runtime.ts',
  'mock-server/server.ts',
  'mock-server/vendors.ts',
  'mock-server/world.ts',
  'mock-server/worlds.ts',
  'contracts/core',
  'contracts/kit',
  'contracts/jest',
  'contracts/cli.ts',
  'contracts/index.ts',
  'console/src',
  'console/static',
  'fixtures/index.ts',
  'fixtures/generate.ts',
];

const SOURCE = /\.(ts|tsx|js|css|html)$/;

function files(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    // Generated files list the vendors on purpose: they are derived from the specs at build time.
    .filter((d) => d.name !== 'generated')
    .flatMap((d) => (d.isDirectory() ? files(path.join(entry, d.name)) : SOURCE.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [path.join(entry, d.name)] : []));
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('no core source file names a vendor, by id or by name', async () => {
  const vendors = vendorFacts(await loadSpecs(undefined, { validate: false }));
  expect(vendors.length).toBeGreaterThan(0);
  const words = [...new Set(vendors.flatMap((v) => [v.id, v.name, v.console.label, v.id.replace(/-/g, '')]))];
  const pattern = new RegExp(`(?<![A-Za-z0-9])(${words.map(escape).join('|')})(?![A-Za-z0-9])`, 'i');
  const sources = CORE.flatMap(files);
  expect(sources.length).toBeGreaterThan(50);
  const found = sources.flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 140)}`] : [])),
  );
  expect(found).toEqual([]);
});
