import { loadCompiledSpecs, type CompiledSpec } from '../core';
import { ContractClient, type CallOptions, type CallResult } from '../kit/client';
import { PROBE_KEYS, readEnvironment, vendorBase, type Tier, type Vendor } from '../kit/environment';
import { writeSuiteReport, type Observation } from '../kit/report';

interface TierState {
  available: boolean;
  reason?: string;
}

/** The mock's admin API, for the flow tier. */
export interface AdminApi {
  get(path: string): Promise<{ status: number; body: unknown }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export interface ContractSuite {
  /** Calls an operation and records the exchange; assert `toSatisfyContract()` on the result. */
  call(operationId: string, options?: CallOptions): Promise<CallResult>;
  /** Registers a `describe` that runs only when its tier is available, else is reported as skipped with the reason. */
  tier(tier: Tier, title: string, fn: () => void, extra?: TierState): void;
  observe(key: string, text: string): void;
  admin: AdminApi;
  writesAllowed: boolean;
  credentials: ReturnType<typeof readEnvironment>['credentials'];
  /** A unique suffix for addresses and names, so runs never collide. */
  unique: string;
}

/**
 * Sets up one vendor's contract suite: resolves its target, registers the
 * reachability check and writes the suite's findings when it ends.
 */
export function contractSuite(vendor: Vendor, availability: Partial<Record<Tier, TierState>> = {}): ContractSuite {
  const env = readEnvironment();
  const unreachable = process.env[PROBE_KEYS.unreachable(vendor)];
  const adminUrl = process.env[PROBE_KEYS.admin];
  const observations: Observation[] = [];
  const skipped: { tier: string; reason: string }[] = [];
  let client: ContractClient | undefined;
  let target = '(none)';

  beforeAll(async () => {
    const spec: CompiledSpec = (await loadCompiledSpecs()).get(vendor)!;
    const base = vendorBase(env, vendor, spec.basePath);
    if (!base) throw new Error(`No target for ${vendor}: set CONTRACT_BASE_URL or CONTRACT_${vendor.toUpperCase().replace(/-/g, '_')}_URL`);
    target = base;
    client = new ContractClient(spec, base, { failOnSlViolations: env.failOnSlViolations });
  });
  afterAll(() => {
    writeSuiteReport(env.reportDir, { vendor, target, exchanges: client?.exchanges ?? [], observations, skipped });
  });

  if (unreachable) {
    test(`the ${vendor} target can be reached`, () => {
      throw new Error(unreachable);
    });
  }

  const state = (tier: Tier): TierState => {
    if (unreachable) return { available: false, reason: 'the target cannot be reached' };
    if (!env.tiers.has(tier)) return { available: false, reason: `not selected by CONTRACT_TIERS=${[...env.tiers].join(',')}` };
    if (tier === 'flow' && !adminUrl) return { available: false, reason: process.env[PROBE_KEYS.adminReason] ?? 'no admin API' };
    return availability[tier] ?? { available: true };
  };

  const adminCall = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${adminUrl}/__admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  return {
    call: (operationId, options) => {
      if (!client) throw new Error('The suite has not started');
      return client.call(operationId, options);
    },
    tier(tier, title, fn, extra) {
      const s = extra && !extra.available ? extra : state(tier);
      if (s.available) {
        describe(`${tier} tier: ${title}`, fn);
      } else {
        skipped.push({ tier, reason: s.reason ?? 'unavailable' });
        describe.skip(`${tier} tier: ${title} — skipped: ${s.reason}`, fn);
      }
    },
    observe: (key, text) => observations.push({ key, text }),
    admin: { get: (p) => adminCall('GET', p), post: (p, b) => adminCall('POST', p, b) },
    writesAllowed: env.allowWrites,
    credentials: env.credentials,
    unique: `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`,
  };
}
