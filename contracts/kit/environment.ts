/**
 * Everything the contract kit reads from the environment, in one place.
 * The README's "Contract tests" section documents each variable.
 */
export const VENDORS = ['edge-impulse', 'emnify', 'akana'] as const;
export type Vendor = (typeof VENDORS)[number];

export type Tier = 'public' | 'credentialed' | 'flow' | 'robustness';
export const TIERS: readonly Tier[] = ['public', 'credentialed', 'flow', 'robustness'];

const envName = (vendor: Vendor): string => vendor.toUpperCase().replace(/-/g, '_');

export interface KitEnvironment {
  /** A server root that serves every vendor under its spec's base path (as the mock does). */
  baseUrl?: string;
  /** Per-vendor API bases (the spec's server URL, base path included), e.g. CONTRACT_EDGE_IMPULSE_URL. */
  vendorUrls: Partial<Record<Vendor, string>>;
  /** Where the mock's /__admin API is, if anywhere. */
  adminUrl?: string;
  /** Sent as `Authorization: Bearer …` to the admin API (a mock started with --admin-token). */
  adminToken?: string;
  allowWrites: boolean;
  /** Only these tiers run; the others are reported as skipped. */
  tiers: Set<Tier>;
  /** Responses carrying Prism's sl-violations header count as violations (a Prism proxy run). */
  failOnSlViolations: boolean;
  credentials: {
    edgeImpulseJwt?: string;
    emnifyUsername?: string;
    emnifyPassword?: string;
  };
  reportFile: string;
  reportDir: string;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): KitEnvironment {
  const vendorUrls: KitEnvironment['vendorUrls'] = {};
  for (const v of VENDORS) {
    const url = env[`CONTRACT_${envName(v)}_URL`];
    if (url) vendorUrls[v] = url.replace(/\/+$/, '');
  }
  const tierList = (env.CONTRACT_TIERS ?? TIERS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = tierList.filter((t) => !TIERS.includes(t as Tier));
  if (unknown.length) throw new Error(`CONTRACT_TIERS names unknown tiers: ${unknown.join(', ')} (known: ${TIERS.join(', ')})`);
  return {
    baseUrl: env.CONTRACT_BASE_URL?.replace(/\/+$/, '') || undefined,
    vendorUrls,
    adminUrl: env.CONTRACT_ADMIN_URL?.replace(/\/+$/, '') || undefined,
    adminToken: env.CONTRACT_ADMIN_TOKEN || undefined,
    allowWrites: env.CONTRACT_ALLOW_WRITES === '1',
    tiers: new Set(tierList as Tier[]),
    failOnSlViolations: env.CONTRACT_FAIL_ON_SL_VIOLATIONS === '1',
    credentials: {
      edgeImpulseJwt: env.CONTRACT_EDGE_IMPULSE_JWT || undefined,
      emnifyUsername: env.CONTRACT_EMNIFY_USERNAME || undefined,
      emnifyPassword: env.CONTRACT_EMNIFY_PASSWORD || undefined,
    },
    reportFile: env.CONTRACT_REPORT || 'reports/contract-report.json',
    reportDir: env.CONTRACT_REPORT_DIR || 'reports/contract',
  };
}

/** The API base of a vendor: its own URL, or the server root plus the spec's base path. */
export function vendorBase(env: KitEnvironment, vendor: Vendor, specBasePath: string): string | undefined {
  return env.vendorUrls[vendor] ?? (env.baseUrl ? env.baseUrl + specBasePath : undefined);
}

/** Whether any target is set at all. */
export function hasTarget(env: KitEnvironment): boolean {
  return env.baseUrl !== undefined || Object.keys(env.vendorUrls).length > 0;
}

/** Facts the global set-up found out and hands to the suites through the environment. */
export const PROBE_KEYS = {
  unreachable: (v: Vendor) => `CONTRACT_PROBE_UNREACHABLE_${envName(v)}`,
  /** The one line that says a vendor refused the configured credentials. */
  refused: (v: Vendor) => `CONTRACT_PROBE_REFUSED_${envName(v)}`,
  admin: 'CONTRACT_PROBE_ADMIN_URL',
  adminReason: 'CONTRACT_PROBE_ADMIN_REASON',
  /** The fresh tenant the flow tier runs in, and the server root that serves it. */
  flowTenant: 'CONTRACT_PROBE_FLOW_TENANT',
  tenantRoot: 'CONTRACT_PROBE_TENANT_ROOT',
};
