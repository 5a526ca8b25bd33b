import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { loadSpecs, SPECS_DIR, vendorFacts } from '../../contracts/core';

// The admin API names vendors and mail kinds in its bodies and queries. It lists
// neither itself: the loader fills them in from the vendor specs, so a new vendor
// is a spec and a folder, with no edit here.
describe('the admin spec', () => {
  test('lists as Vendor exactly the vendors whose specs are loaded, in their order', async () => {
    const specs = await loadSpecs(undefined, { validate: false });
    const schemas = specs.get('admin')!.document.components!.schemas!;
    expect((schemas.Vendor as OpenAPIV3.SchemaObject).enum).toEqual(vendorFacts(specs).map((v) => v.id));
  });

  test('lists as MailKind every mail kind a vendor spec declares, once', async () => {
    const specs = await loadSpecs(undefined, { validate: false });
    const kinds = (specs.get('admin')!.document.components!.schemas!.MailKind as OpenAPIV3.SchemaObject).enum;
    const declared = new Set(vendorFacts(specs).flatMap((v) => v.mailKinds));
    expect(new Set(kinds)).toEqual(declared);
    expect(kinds).toHaveLength(declared.size);
  });

  test('names no vendor in its own text, only the list it asks for', () => {
    const text = fs.readFileSync(path.join(SPECS_DIR, 'admin.openapi.yaml'), 'utf8');
    expect(text).toMatch(/x-authmock-enum: vendors/);
    expect(text).not.toMatch(/enum: \[[^\]]*\b(emnify|akana|edge-impulse)\b/);
  });
});
