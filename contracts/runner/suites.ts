import fs from 'node:fs';
import path from 'node:path';
import type { ContractSuiteDefinition } from './define';

/** Where the vendors' suites are (`<vendor>.ts`, compiled to `<vendor>.js` in `dist/`), beside this folder. */
export const SUITES_DIR = path.join(__dirname, '..', 'suites');

/** The file of a vendor's suite, if it has one. */
export function suiteFile(vendor: string, dir = SUITES_DIR): string | undefined {
  return ['.js', '.ts'].map((ext) => path.join(dir, vendor + ext)).find((f) => fs.existsSync(f));
}

/** A vendor's suite: the default export of its file, checked to be a suite of that vendor. */
export function loadSuite(vendor: string, dir = SUITES_DIR): ContractSuiteDefinition | undefined {
  const file = suiteFile(vendor, dir);
  if (!file) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = (require(file) as { default?: ContractSuiteDefinition }).default;
  if (!loaded || typeof loaded.define !== 'function') throw new Error(`${file} has no default export made by defineSuite()`);
  if (loaded.vendor !== vendor) throw new Error(`${file} defines the suite of '${loaded.vendor}', not of '${vendor}'`);
  return loaded;
}

/** The vendors that have a suite, by file name. */
export function suiteVendors(dir = SUITES_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir).flatMap((f) => /^([a-z0-9-]+)\.(js|ts)$/.exec(f)?.[1] ?? []);
  return [...new Set(names)].sort();
}
