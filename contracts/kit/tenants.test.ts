import { TENANT_NAME } from '../core';
import { freshTenantName, splitTenant, TENANT_HEADER, tenantTarget } from './tenants';

describe('tenant prefixes in URLs', () => {
  test.each([
    ['http://127.0.0.1:4010', { root: 'http://127.0.0.1:4010', rest: '' }],
    ['http://127.0.0.1:4010/__tenants/ci', { root: 'http://127.0.0.1:4010', tenant: 'ci', rest: '' }],
    ['http://127.0.0.1:4010/__tenants/ci/v1/', { root: 'http://127.0.0.1:4010', tenant: 'ci', rest: '/v1' }],
    ['http://gw.example/mock/__tenants/w-1.a/api/v1', { root: 'http://gw.example/mock', tenant: 'w-1.a', rest: '/api/v1' }],
    ['http://127.0.0.1:4010/__tenantsx/ci', { root: 'http://127.0.0.1:4010/__tenantsx/ci', rest: '' }],
  ])('%s splits into root, tenant and rest', (url, expected) => {
    expect(splitTenant(url)).toEqual(expected);
  });

  test.each([
    ['a vendor base under the root gets the prefix', 'http://h:1/v1', { base: 'http://h:1/__tenants/t/v1', headers: {} }],
    ['the root itself gets the prefix', 'http://h:1', { base: 'http://h:1/__tenants/t', headers: {} }],
    ['a base that has a tenant already gets ours instead', 'http://h:1/__tenants/ci/v1', { base: 'http://h:1/__tenants/t/v1', headers: {} }],
    ['a base elsewhere (a proxy) gets the header', 'http://proxy:2', { base: 'http://proxy:2', headers: { [TENANT_HEADER]: 't' } }],
    ['a host that merely starts like the root gets the header', 'http://h:10/v1', { base: 'http://h:10/v1', headers: { [TENANT_HEADER]: 't' } }],
  ])('%s', (_label, base, expected) => {
    expect(tenantTarget(base, 'http://h:1', 't')).toEqual(expected);
  });

  test('fresh tenant names are valid tenant names and differ', () => {
    const names = new Set(Array.from({ length: 20 }, freshTenantName));
    expect(names.size).toBe(20);
    for (const name of names) {
      expect(name).toMatch(TENANT_NAME);
      expect(name).toMatch(/^contract-/);
    }
  });
});
