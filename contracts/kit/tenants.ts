import crypto from 'node:crypto';
import { TENANT_HEADER, TENANT_NAME_PART, TENANT_PREFIX, TENANT_PREFIX_PATTERN } from '../core';
import { kitFetch } from './http';

/**
 * Tenants of an authmock target: isolated worlds addressed by the path prefix
 * `/__tenants/NAME` or the header `X-Authmock-Tenant`. The flow tier runs in
 * a fresh tenant of its own when the target has them, so a contract run never
 * touches the state a developer is working with.
 */
export { TENANT_HEADER };
const PREFIX = new RegExp(`${TENANT_PREFIX_PATTERN}(${TENANT_NAME_PART})(?=/|$)`);

/** A URL split at its tenant prefix: `http://h/__tenants/ci/v1` → root `http://h`, tenant `ci`, rest `/v1`. */
export function splitTenant(url: string): { root: string; tenant?: string; rest: string } {
  const u = new URL(url);
  const match = PREFIX.exec(u.pathname);
  if (!match) return { root: url.replace(/\/+$/, ''), rest: '' };
  const before = u.pathname.slice(0, match.index);
  const rest = u.pathname.slice(match.index + match[0].length).replace(/\/+$/, '');
  return { root: `${u.origin}${before}`.replace(/\/+$/, ''), tenant: match[1], rest };
}

/** `contract-<random>`: a name no developer uses and no two runs share. */
export function freshTenantName(): string {
  return `contract-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
}

export type TenantProbe = { supported: true; root: string } | { supported: false; reason: string };

/**
 * Whether the server behind an admin base has tenants: `GET <root>/__admin/tenants`
 * answers 200 with a `tenants` list. Anything else (404 from an authmock without
 * tenants, another server, no answer) means it has none.
 */
export async function probeTenants(adminBase: string, headers: Record<string, string> = {}): Promise<TenantProbe> {
  const { root } = splitTenant(adminBase);
  const url = `${root}/__admin/tenants`;
  try {
    const res = await kitFetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(5000) });
    const body = (await res.json().catch(() => undefined)) as { tenants?: unknown } | undefined;
    if (res.status === 200 && Array.isArray(body?.tenants)) return { supported: true, root };
    return { supported: false, reason: `GET ${url} answered ${res.status}` };
  } catch (err) {
    return { supported: false, reason: `GET ${url} failed (${(err as Error).message})` };
  }
}

/**
 * How to reach a tenant through a vendor base: the same URL with the tenant's
 * prefix where the base is served by `root` (replacing a prefix it already
 * has), or, for a base elsewhere (a proxy in front of the mock), the header.
 */
export function tenantTarget(base: string, root: string, tenant: string): { base: string; headers: Record<string, string> } {
  const split = splitTenant(base);
  if (split.root === root) return { base: `${root}${TENANT_PREFIX}${tenant}${split.rest}`, headers: {} };
  if (base === root || base.startsWith(`${root}/`)) return { base: `${root}${TENANT_PREFIX}${tenant}${base.slice(root.length)}`, headers: {} };
  return { base, headers: { [TENANT_HEADER]: tenant } };
}

/** Drops a tenant after the run; a target that cannot is left as it is. */
export async function dropTenant(root: string, tenant: string, headers: Record<string, string> = {}): Promise<void> {
  await kitFetch(`${root}/__admin/tenants/${encodeURIComponent(tenant)}`, { method: 'DELETE', headers, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
}
