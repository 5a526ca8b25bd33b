import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileSpec, loadSpec, loadSpecs, SPECS_DIR } from '../../contracts/core';

const VENDOR_SPECS = ['edge-impulse', 'emnify', 'akana'];

describe('the spec documents', () => {
  test('the specs folder holds one document per vendor and the admin API', async () => {
    const specs = await loadSpecs();
    expect([...specs.keys()].sort()).toEqual(['admin', ...VENDOR_SPECS].sort());
  });

  test.each([...VENDOR_SPECS, 'admin'])('%s parses, resolves its $refs, validates as OpenAPI 3.0.3 and compiles', async (name) => {
    const spec = await loadSpec(path.join(SPECS_DIR, `${name}.openapi.yaml`));
    expect(spec.document.openapi).toBe('3.0.3');
    expect(JSON.stringify(spec.document)).not.toContain('"$ref"');
    expect(spec.operations.length).toBeGreaterThan(0);
    expect(() => compileSpec(spec)).not.toThrow();
  });

  test.each([
    ['edge-impulse', '/v1'],
    ['emnify', ''],
    ['akana', ''],
    ['admin', '/__admin'],
  ])('%s is served under the base path "%s" of its server URL', async (name, basePath) => {
    const spec = await loadSpec(path.join(SPECS_DIR, `${name}.openapi.yaml`));
    expect(spec.basePath).toBe(basePath);
  });

  describe('a broken document is refused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-spec-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const original = fs.readFileSync(path.join(SPECS_DIR, 'edge-impulse.openapi.yaml'), 'utf8');

    test.each([
      ['a dangling $ref', original.replace("'#/components/schemas/GetJWTRequest'", "'#/components/schemas/NoSuchSchema'")],
      ['a response without a description', original.replace("        '200':\n          description: OK\n", "        '200':\n")],
      ['a misspelt schema keyword', original.replace('type: boolean', 'tpye: boolean')],
    ])('with %s', async (_label, text) => {
      expect(text).not.toBe(original);
      const file = path.join(dir, `broken-${Math.random().toString(36).slice(2)}.openapi.yaml`);
      fs.writeFileSync(file, text);
      await expect(loadSpec(file).then(compileSpec)).rejects.toThrow();
    });
  });
});
