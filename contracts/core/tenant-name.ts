/**
 * How a tenant is named and addressed, defined once for the mock (routing,
 * state documents, the console's page), the kit (splitting a target URL) and
 * the admin spec's `TenantName` schema, whose pattern a test holds equal to
 * `TENANT_NAME.source`. A tenant is reached by the path prefix
 * `/__tenants/NAME` or by the `X-Authmock-Tenant` header.
 */

/** A tenant's name: 1 to 64 of letters, digits, `_`, `.` and `-`. */
export const TENANT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * `TENANT_NAME` without its anchors, to build larger patterns from (a URL
 * with a tenant prefix in it), so none of them types the character class again.
 */
export const TENANT_NAME_PART = TENANT_NAME.source.slice(1, -1);

/** The path prefix a tenant's name follows: `/__tenants/NAME/…`. */
export const TENANT_PREFIX = '/__tenants/';

/** The header that names a tenant. Node lower-cases incoming header names; compare with `TENANT_HEADER.toLowerCase()`. */
export const TENANT_HEADER = 'X-Authmock-Tenant';

export function isTenantName(name: string): boolean {
  return TENANT_NAME.test(name);
}

/** `TENANT_PREFIX` as a RegExp source, for patterns that match a prefixed path. */
export const TENANT_PREFIX_PATTERN = TENANT_PREFIX.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
