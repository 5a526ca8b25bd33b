import { envName } from '../core';
import { vendorContract } from './vendor-contracts';

/**
 * Everything the contract kit reads from the environment, in one place.
 * The README's "Contract tests" section documents each variable. Vendors are
 * never listed here: a vendor's URL and credentials follow one naming rule,
 * `CONTRACT_<VENDOR>_URL` and `CONTRACT_<VENDOR>_<NAME>` (its contract file
 * names the credentials).
 */
export type Tier = 'public' | 'credentialed' | 'flow' | 'robustness';
export const TIERS: readonly Tier[] = ['public', 'credentialed', 'flow', 'robustness'];

export interface KitEnvironment {
  /** The variables as read, for the per-vendor ones. */
  vars: Readonly<Record<string, string | undefined>>;
  /** A server root that serves every vendor under its spec's base path (as the mock does). */
  baseUrl?: string;
  /** Where the mock's /__admin API is, if anywhere. */
  adminUrl?: string;
  /** Sent as `Authorization: Bearer …` to the admin API (a mock started with --admin-token). */
  adminToken?: string;
  allowWrites: boolean;
  /** Only these tiers run; the others are reported as skipped. */
  tiers: Set<Tier>;
  /** Responses carrying Prism's sl-violations header count as violations (a Prism proxy run). */
  failOnSlViolations: boolean;
  reportFile: string;
  reportDir: string;
}

const trimmed = (url: string | undefined): string | undefined => url?.replace(/\/+$/, '') || undefined;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): KitEnvironment {
  const tierList = (env.CONTRACT_TIERS ?? TIERS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = tierList.filter((t) => !TIERS.includes(t as Tier));
  if (unknown.length) throw new Error(`CONTRACT_TIERS names unknown tiers: ${unknown.join(', ')} (known: ${TIERS.join(', ')})`);
  return {
    vars: { ...env },
    baseUrl: trimmed(env.CONTRACT_BASE_URL),
    adminUrl: trimmed(env.CONTRACT_ADMIN_URL),
    adminToken: env.CONTRACT_ADMIN_TOKEN || undefined,
    allowWrites: env.CONTRACT_ALLOW_WRITES === '1',
    tiers: new Set(tierList as Tier[]),
    failOnSlViolations: env.CONTRACT_FAIL_ON_SL_VIOLATIONS === '1',
    reportFile: env.CONTRACT_REPORT || 'reports/contract-report.json',
    reportDir: env.CONTRACT_REPORT_DIR || 'reports/contract',
  };
}

/** The variable of one of a vendor's settings: `CONTRACT_<VENDOR>_<NAME>`. */
export const vendorVariable = (vendor: string, name: string): string => `CONTRACT_${envName(vendor)}_${name}`;

/** A vendor's own API base (its spec's server URL, base path included), e.g. CONTRACT_SOME_VENDOR_URL. */
export const vendorUrl = (env: KitEnvironment, vendor: string): string | undefined => trimmed(env.vars[vendorVariable(vendor, 'URL')]);

/** The API base of a vendor: its own URL, or the server root plus the spec's base path. */
export function vendorBase(env: KitEnvironment, vendor: string, specBasePath: string): string | undefined {
  return vendorUrl(env, vendor) ?? (env.baseUrl ? env.baseUrl + specBasePath : undefined);
}

const KIT_URLS = new Set(['CONTRACT_BASE_URL', 'CONTRACT_ADMIN_URL']);

/** Whether any target is set at all: the server root, or some vendor's own URL. */
export function hasTarget(env: KitEnvironment): boolean {
  return env.baseUrl !== undefined || Object.entries(env.vars).some(([k, v]) => v && /^CONTRACT_[A-Z0-9_]+_URL$/.test(k) && !KIT_URLS.has(k));
}

/** The credentials a vendor's contract file names, by name, as far as they are set. */
export function vendorCredentials(env: KitEnvironment, vendor: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of vendorContract(vendor).credentials) {
    const value = env.vars[vendorVariable(vendor, c.name)];
    if (value) out[c.name] = value;
  }
  return out;
}

/** Why a vendor's credentialed tier cannot run for want of credentials, or undefined when every one it names is set. */
export function missingCredentials(env: KitEnvironment, vendor: string): string | undefined {
  const missing = vendorContract(vendor).credentials.filter((c) => !env.vars[vendorVariable(vendor, c.name)]);
  if (missing.length === 0) return undefined;
  return `set ${missing.map((c) => `${vendorVariable(vendor, c.name)} (${c.description})`).join(' and ')}`;
}

/** Facts the global set-up found out and hands to the suites through the environment. */
export const PROBE_KEYS = {
  /** Set once the set-up has probed the targets. */
  probed: 'CONTRACT_PROBED',
  unreachable: (vendor: string) => `CONTRACT_PROBE_UNREACHABLE_${envName(vendor)}`,
  /** The one line that says a vendor refused the configured credentials. */
  refused: (vendor: string) => `CONTRACT_PROBE_REFUSED_${envName(vendor)}`,
  admin: 'CONTRACT_PROBE_ADMIN_URL',
  adminReason: 'CONTRACT_PROBE_ADMIN_REASON',
  /** The fresh tenant the flow tier runs in, and the server root that serves it. */
  flowTenant: 'CONTRACT_PROBE_FLOW_TENANT',
  tenantRoot: 'CONTRACT_PROBE_TENANT_ROOT',
};
