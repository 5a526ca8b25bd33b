import type { OpenAPIV3 } from 'openapi-types';
import { loadSpecs } from '../../contracts/core';
import { vendorFacts } from '../../mock-server/vendors';

// The admin API names vendors in its bodies and queries; its `Vendor` list is the one
// place outside a vendor's own spec that a new vendor must be added to, and this says so.
test('the admin spec lists as Vendor exactly the vendors whose specs the mock serves, in their order', async () => {
  const specs = await loadSpecs(undefined, { validate: false });
  const admin = specs.get('admin')!.document;
  const listed = (admin.components!.schemas!.Vendor as OpenAPIV3.SchemaObject).enum;
  expect(listed).toEqual(vendorFacts(specs).map((v) => v.id));
});
