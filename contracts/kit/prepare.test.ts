import { factsFromEnv, factsToEnv, type RunFacts } from './prepare';

test('what the set-up hands to jest workers reads back as the same facts, vendor by vendor', () => {
  const facts: RunFacts = {
    unreachable: { 'some-vendor': 'http://127.0.0.1:1 cannot be reached (ECONNREFUSED)' },
    refused: { other: 'credentials for other were refused (401): check CONTRACT_OTHER_JWT' },
    admin: 'http://127.0.0.1:4010',
    tenant: { root: 'http://127.0.0.1:4010', name: 'contract-x' },
  };
  const env = factsToEnv(facts);
  expect(factsFromEnv('some-vendor', env)).toEqual({ unreachable: facts.unreachable, refused: {}, admin: facts.admin, adminReason: undefined, tenant: facts.tenant });
  expect(factsFromEnv('other', env)).toEqual({ unreachable: {}, refused: facts.refused, admin: facts.admin, adminReason: undefined, tenant: facts.tenant });
});

test('before the set-up has probed anything there are no facts', () => {
  expect(factsFromEnv('some-vendor', {})).toBeUndefined();
});
