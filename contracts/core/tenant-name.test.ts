import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { isTenantName, loadSpecs, SPECS_DIR, TENANT_NAME, TENANT_NAME_PART, TENANT_PREFIX, TENANT_PREFIX_PATTERN } from '.';

// The rule's character class: tenant-name.ts is the one source file that spells it out.
const CLASS = 'A-Za-z0-9_.-';

const NAMES: [label: string, name: string, valid: boolean][] = [
  ['a plain name', 'ci', true],
  ['letters, digits, _ . and -', 'Worker_1.a-b', true],
  ['64 characters', 'a'.repeat(64), true],
  ['an empty name', '', false],
  ['65 characters', 'a'.repeat(65), false],
  ['a slash', 'a/b', false],
  ['a space', 'a b', false],
  ['a letter outside ASCII', 'é', false],
  ['a trailing newline', 'ci\n', false],
];

describe('the tenant-name rule', () => {
  test.each(NAMES.map(([label, name, valid]) => [`${label} is ${valid ? 'a tenant name' : 'not a tenant name'}`, name, valid] as const))('%s', (_title, name, valid) => {
    expect(isTenantName(name)).toBe(valid);
    expect(TENANT_NAME.test(name)).toBe(valid);
  });

  test('is what the admin spec gives as the TenantName pattern', async () => {
    const specs = await loadSpecs(undefined, { validate: false });
    const schema = specs.get('admin')!.document.components!.schemas!.TenantName as OpenAPIV3.SchemaObject;
    expect(schema.pattern).toBe(TENANT_NAME.source);
  });

  test('is written out once in the admin spec, as that pattern', () => {
    const text = fs.readFileSync(path.join(SPECS_DIR, 'admin.openapi.yaml'), 'utf8');
    expect(text.split(CLASS)).toHaveLength(2);
  });

  test('is written out in no other source file of mock-server/ or contracts/', () => {
    const root = path.join(SPECS_DIR, '..');
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (entry.name !== 'generated') walk(rel);
        } else if (entry.name.endsWith('.ts') && rel !== 'contracts/core/tenant-name.ts' && rel !== 'contracts/core/tenant-name.test.ts') {
          if (fs.readFileSync(path.join(root, rel), 'utf8').includes(CLASS)) found.push(rel);
        }
      }
    };
    walk('mock-server');
    walk('contracts');
    expect(found).toEqual([]);
  });

  test('without its anchors, matches a name inside a prefixed path', () => {
    const prefixed = new RegExp(`^${TENANT_PREFIX_PATTERN}(${TENANT_NAME_PART})/`);
    expect(prefixed.exec(`${TENANT_PREFIX}w-1.a/v1`)?.[1]).toBe('w-1.a');
    expect(prefixed.test(`${TENANT_PREFIX}${'a'.repeat(65)}/v1`)).toBe(false);
  });
});
