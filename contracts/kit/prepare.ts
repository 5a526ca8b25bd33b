import { vendorFacts, type CompiledSpec } from '../core';
import { DEFAULT_TIMEOUT_MS, type ClientOptions } from './client';
import { checkCredentials } from './credentials';
import { PROBE_KEYS, vendorBase, type KitEnvironment } from './environment';
import { kitFetch } from './http';
import { freshTenantName, probeTenants } from './tenants';

/** What the kit finds out about its targets once, before any suite runs. */
export interface RunFacts {
  /** Vendors whose API base did not answer, with why. */
  unreachable: Record<string, string>;
  /** Vendors that refused the configured credentials, with the one line that says so. */
  refused: Record<string, string>;
  /** The base of the mock's admin API, when the target has one. */
  admin?: string;
  adminReason?: string;
  /** The fresh tenant the flow tier runs in, when the target has tenants. */
  tenant?: { root: string; name: string };
}

export const adminHeaders = (env: KitEnvironment): Record<string, string> => (env.adminToken ? { Authorization: `Bearer ${env.adminToken}` } : {});

async function probe(url: string, init: RequestInit = {}, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Response | string> {
  try {
    return await kitFetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return `${url} cannot be reached (${cause?.code ?? cause?.message ?? (err as Error).message})`;
  }
}

/**
 * `client` is how the credential check calls the target: the run's timeout,
 * pacer and retries, so the check counts against the same documented limits.
 */
export async function prepareRun(env: KitEnvironment, specs: Map<string, CompiledSpec>, client: Omit<ClientOptions, 'headers'> = {}): Promise<RunFacts> {
  const facts: RunFacts = { unreachable: {}, refused: {} };
  const bases: Record<string, string> = {};
  await Promise.all(
    vendorFacts(specs).map(async ({ id: vendor }) => {
      const spec = specs.get(vendor)!;
      const base = vendorBase(env, vendor, spec.basePath);
      if (!base) return;
      const answer = await probe(base, { method: 'HEAD' }, client.timeoutMs);
      if (typeof answer === 'string') facts.unreachable[vendor] = answer;
      else bases[vendor] = base;
    }),
  );

  if (env.tiers.has('credentialed')) {
    for (const verdict of await checkCredentials(env, specs, bases, client)) if (verdict.refusal) facts.refused[verdict.vendor] = verdict.refusal;
  }

  const adminBase = env.adminUrl ?? env.baseUrl;
  if (!adminBase) {
    facts.adminReason = 'no CONTRACT_ADMIN_URL or CONTRACT_BASE_URL to look for the /__admin API at';
    return facts;
  }
  const headers = adminHeaders(env);
  // An address nobody has: a cheap answer that still tells an authmock admin API from anything else at that path.
  const admin = await probe(`${adminBase}/__admin/users?email=contract-probe%40example.invalid`, { headers }, client.timeoutMs);
  const listed = typeof admin !== 'string' && admin.status === 200 && ((await admin.json().catch(() => undefined)) as { users?: unknown } | undefined)?.users;
  if (!listed) {
    facts.adminReason = `the target has no authmock /__admin API at ${adminBase}/__admin (${typeof admin === 'string' ? admin : `GET /__admin/users answered ${admin.status}`})`;
    return facts;
  }
  facts.admin = adminBase;
  if (env.tiers.has('flow')) {
    const tenants = await probeTenants(adminBase, headers);
    if (tenants.supported) facts.tenant = { root: tenants.root, name: freshTenantName() };
  }
  return facts;
}

/** The facts as the environment variables the suites (other processes) read. */
export function factsToEnv(facts: RunFacts): Record<string, string> {
  const out: Record<string, string> = { [PROBE_KEYS.probed]: '1' };
  for (const [vendor, reason] of Object.entries(facts.unreachable)) out[PROBE_KEYS.unreachable(vendor)] = reason;
  for (const [vendor, line] of Object.entries(facts.refused)) out[PROBE_KEYS.refused(vendor)] = line;
  if (facts.admin) out[PROBE_KEYS.admin] = facts.admin;
  if (facts.adminReason) out[PROBE_KEYS.adminReason] = facts.adminReason;
  if (facts.tenant) {
    out[PROBE_KEYS.tenantRoot] = facts.tenant.root;
    out[PROBE_KEYS.flowTenant] = facts.tenant.name;
  }
  return out;
}

/**
 * What `factsToEnv` wrote, for one vendor, read back: jest registers tests in
 * worker processes before any runs, so the adapter learns the facts this way.
 * Undefined when the set-up has not probed the targets.
 */
export function factsFromEnv(vendor: string, env: NodeJS.ProcessEnv = process.env): RunFacts | undefined {
  if (env[PROBE_KEYS.probed] !== '1') return undefined;
  const unreachable = env[PROBE_KEYS.unreachable(vendor)];
  const refused = env[PROBE_KEYS.refused(vendor)];
  const root = env[PROBE_KEYS.tenantRoot];
  const name = env[PROBE_KEYS.flowTenant];
  return {
    unreachable: unreachable ? { [vendor]: unreachable } : {},
    refused: refused ? { [vendor]: refused } : {},
    admin: env[PROBE_KEYS.admin],
    adminReason: env[PROBE_KEYS.adminReason],
    tenant: root && name ? { root, name } : undefined,
  };
}
