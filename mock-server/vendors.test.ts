import { loadSpecs } from '../contracts/core';
import { VENDOR_IDS, vendorFacts } from './vendors';

describe('vendor facts', () => {
  test('come from the specs, in listing order, with where each API lives on the mock', async () => {
    const vendors = vendorFacts(await loadSpecs(undefined, { validate: false }));
    expect(vendors.map((v) => [v.id, v.name, v.order, v.apiPath])).toEqual([
      ['edge-impulse', 'Edge Impulse', 1, '/v1'],
      // The path all of a vendor's operations share: /api/v1 and /api/v2 for EMnify; users, login and password management for Akana.
      ['emnify', 'EMnify', 2, '/api'],
      ['akana', 'Akana', 3, '/api'],
    ]);
  });

  test('the generated vendor ids are the specs that describe a vendor', async () => {
    expect(vendorFacts(await loadSpecs(undefined, { validate: false })).map((v) => v.id)).toEqual([...VENDOR_IDS]);
  });
});
