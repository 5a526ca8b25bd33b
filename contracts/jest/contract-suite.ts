import { loadCompiledSpecs, redactBody, redactText, type CompiledSpec } from '../core';
import { ContractClient, type CallOptions, type CallResult, type ResponseCheck } from '../kit/client';
import { jsonField } from '../kit/credentials';
import { missingCredentials, PROBE_KEYS, readEnvironment, vendorBase, vendorCredentials, vendorVariable, type Tier } from '../kit/environment';
import { adminHeaders } from '../kit/prepare';
import { prismViolations } from '../kit/prism';
import { writeSuiteReport, type Observation } from '../kit/report';
import { tenantTarget } from '../kit/tenants';

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
  observe(label: string, text: string): void;
  /** A field of an answer's JSON body; a clear failure naming the answer when it is missing, never a TypeError. */
  field<T = string>(result: CallResult, name: string): T;
  admin: AdminApi;
  writesAllowed: boolean;
  /** The credentials the vendor's contract file names (`contracts/vendors/<id>.ts`), by name, from CONTRACT_<VENDOR>_<NAME>. */
  credentials: Readonly<Record<string, string>>;
  /** A unique suffix for addresses and names, so runs never collide. */
  unique: string;
}

/** A failure that is one line: the message, no stack. */
function oneLine(message: string): Error {
  const error = new Error(message);
  error.stack = message;
  return error;
}

/**
 * Sets up one vendor's contract suite: resolves its target, registers the
 * reachability and credential checks and writes the suite's findings when it ends.
 */
export function contractSuite(vendor: string, availability: Partial<Record<Tier, TierState>> = {}): ContractSuite {
  const env = readEnvironment();
  const unreachable = process.env[PROBE_KEYS.unreachable(vendor)];
  const refused = process.env[PROBE_KEYS.refused(vendor)];
  const adminUrl = process.env[PROBE_KEYS.admin];
  const tenantRoot = process.env[PROBE_KEYS.tenantRoot];
  const tenant = process.env[PROBE_KEYS.flowTenant];
  const observations: Observation[] = [];
  const skipped: { tier: string; reason: string }[] = [];
  const clients: ContractClient[] = [];
  let client: ContractClient | undefined;
  let flowClient: ContractClient | undefined;
  let currentTier: Tier | undefined;
  let target = '(none)';

  beforeAll(async () => {
    const spec: CompiledSpec = (await loadCompiledSpecs(undefined, { validate: false })).get(vendor)!;
    const base = vendorBase(env, vendor, spec.basePath);
    if (!base) throw new Error(`No target for ${vendor}: set CONTRACT_BASE_URL or ${vendorVariable(vendor, 'URL')}`);
    target = base;
    const checks: ResponseCheck[] = env.failOnSlViolations ? [prismViolations] : [];
    client = new ContractClient(spec, base, { checks });
    // The flow tier changes state, so where the target has tenants it runs in a fresh one.
    const flow = tenantRoot && tenant ? tenantTarget(base, tenantRoot, tenant) : { base, headers: {} };
    flowClient = flow.base === base && Object.keys(flow.headers).length === 0 ? client : new ContractClient(spec, flow.base, { checks, headers: flow.headers });
    clients.push(...new Set([client, flowClient]));
  });
  afterAll(() => {
    writeSuiteReport(env.reportDir, { vendor, target, exchanges: clients.flatMap((c) => c.exchanges), observations, skipped });
  });

  if (unreachable) {
    test(`the ${vendor} target can be reached`, () => {
      throw oneLine(unreachable);
    });
  }
  if (refused && env.tiers.has('credentialed')) {
    test(`the ${vendor} credentials are accepted`, () => {
      throw oneLine(refused);
    });
  }

  const state = (tier: Tier): TierState => {
    if (unreachable) return { available: false, reason: 'the target cannot be reached' };
    if (!env.tiers.has(tier)) return { available: false, reason: `not selected by CONTRACT_TIERS=${[...env.tiers].join(',')}` };
    if (tier === 'flow' && !adminUrl) return { available: false, reason: process.env[PROBE_KEYS.adminReason] ?? 'no admin API' };
    if (tier === 'credentialed' && refused) return { available: false, reason: 'the credentials were refused' };
    if (availability[tier]) return availability[tier];
    const missing = tier === 'credentialed' ? missingCredentials(env, vendor) : undefined;
    return missing ? { available: false, reason: missing } : { available: true };
  };

  // The admin API of the flow tier's tenant, else of the target itself.
  const adminBase = () => (tenantRoot && tenant ? `${tenantRoot}/__tenants/${tenant}` : adminUrl);
  const adminCall = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${adminBase()}/__admin${path}`, {
      method,
      headers: { ...adminHeaders(env), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      throw oneLine(`${method} /__admin${path} answered ${res.status} with a body that is not JSON: ${redactBody(text).slice(0, 200)}`);
    }
    return { status: res.status, body: parsed };
  };

  return {
    call: (operationId, options) => {
      const active = currentTier === 'flow' ? flowClient : client;
      if (!active) throw new Error('The suite has not started');
      return active.call(operationId, options);
    },
    tier(tier, title, fn, extra) {
      const s = extra && !extra.available ? extra : state(tier);
      if (s.available) {
        describe(`${tier} tier: ${title}`, () => {
          beforeAll(() => {
            currentTier = tier;
          });
          afterAll(() => {
            currentTier = undefined;
          });
          fn();
        });
      } else {
        skipped.push({ tier, reason: s.reason ?? 'unavailable' });
        describe.skip(`${tier} tier: ${title} — skipped: ${s.reason}`, fn);
      }
    },
    observe: (label, text) => observations.push({ label, text: redactText(text) }),
    field<T = string>(result: CallResult, name: string): T {
      const value = jsonField(result, name);
      if (value === undefined) throw oneLine(`${vendor} ${result.operationId} answered ${result.status} without ${name}: ${redactBody(result.text).slice(0, 200) || '(no body)'}`);
      return value as T;
    },
    admin: { get: (p) => adminCall('GET', p), post: (p, b) => adminCall('POST', p, b) },
    writesAllowed: env.allowWrites,
    credentials: vendorCredentials(env, vendor),
    unique: `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`,
  };
}
