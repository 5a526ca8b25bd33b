import crypto from 'node:crypto';
import { redactBody, redactText, type CompiledSpec } from '../core';
import { ContractClient, DEFAULT_TIMEOUT_MS, type ClientOptions } from '../kit/client';
import { jsonField } from '../kit/credentials';
import { formatVerdict } from '../kit/exchange';
import { kitFetch } from '../kit/http';
import type { Observation } from '../kit/report';
import { tenantTarget } from '../kit/tenants';
import type { AdminApi, SuiteContext } from './define';
import { ContractViolation, expectJson, expectStatus, TestFailure } from './expect';
import type { PlannedTest } from './plan';

export interface SuiteTarget {
  spec: CompiledSpec;
  /** The vendor's API base on the target. */
  base: string;
  /** The mock's admin API base, when the target has one. */
  admin?: string;
  adminHeaders: Record<string, string>;
  /** The fresh tenant the flow tier runs in, when the target has tenants. */
  tenant?: { root: string; name: string };
  credentials: Readonly<Record<string, string>>;
  client: Omit<ClientOptions, 'headers'>;
}

/** What one test did and how it ended. */
export interface TestOutcome {
  status: 'passed' | 'violated';
  message?: string;
  durationMs: number;
}

/**
 * The run-time side of a suite: its clients (one for the target as given, one
 * for the flow tier's tenant), the admin API, and the test being run, so that
 * each call is checked against the test's declared operations and judged
 * against the spec the moment it comes back.
 */
export class SuiteRuntime {
  readonly observations: Observation[] = [];
  readonly clients: ContractClient[];
  private readonly main: ContractClient;
  private readonly flow: ContractClient;
  private current?: PlannedTest;
  readonly context: SuiteContext;

  constructor(readonly target: SuiteTarget) {
    const { spec, base, tenant } = target;
    this.main = new ContractClient(spec, base, target.client);
    // The flow tier changes state, so where the target has tenants it runs in a fresh one.
    const flow = tenant ? tenantTarget(base, tenant.root, tenant.name) : { base, headers: {} };
    this.flow = flow.base === base && Object.keys(flow.headers).length === 0 ? this.main : new ContractClient(spec, flow.base, { ...target.client, headers: flow.headers });
    this.clients = [...new Set([this.main, this.flow])];
    this.context = this.makeContext();
  }

  /** The flow tier's admin base: its tenant's, else the target's own. */
  private adminBase(): string | undefined {
    const { tenant, admin } = this.target;
    return tenant ? `${tenant.root}/__tenants/${tenant.name}` : admin;
  }

  private async adminCall(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const base = this.adminBase();
    if (!base) throw new TestFailure('this target has no authmock admin API; only flow-tier tests use it');
    const res = await kitFetch(`${base}/__admin${path}`, {
      method,
      headers: { ...this.target.adminHeaders, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.target.client.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch {
      throw new TestFailure(`${method} /__admin${path} answered ${res.status} with a body that is not JSON: ${redactBody(text).slice(0, 200)}`);
    }
  }

  private makeContext(): SuiteContext {
    const vendor = this.target.spec.name;
    const admin: AdminApi = { get: (p) => this.adminCall('GET', p), post: (p, b) => this.adminCall('POST', p, b) };
    return {
      vendor,
      call: async (operationId, options) => {
        const test = this.current;
        if (!test) throw new TestFailure(`${vendor} suite: ${operationId} was called outside a test`);
        if (!test.options.calls.includes(operationId)) {
          throw new TestFailure(`${vendor} suite: test '${test.title}' calls ${operationId}, which its calls list (${test.options.calls.join(', ')}) does not name`);
        }
        const client = test.tier === 'flow' ? this.flow : this.main;
        const result = await client.call(operationId, options);
        if (result.violations.length > 0) {
          throw new ContractViolation(formatVerdict({ operation: client.operation(operationId), response: { status: result.status, headers: result.headers, text: result.text }, violations: result.violations }));
        }
        return result;
      },
      observe: (label, text) => this.observations.push({ label, text: redactText(text) }),
      field: <T>(result: Parameters<SuiteContext['field']>[0], name: string): T => {
        const value = jsonField(result, name);
        if (value === undefined) throw new TestFailure(`${vendor} ${result.operationId} answered ${result.status} without ${name}: ${redactBody(result.text).slice(0, 200) || '(no body)'}`);
        return value as T;
      },
      expectStatus: (result, ...statuses) => expectStatus(vendor, result, statuses),
      expectJson: (result, pattern) => expectJson(vendor, result, pattern),
      expect: (condition, message) => {
        if (!condition) throw new TestFailure(`${vendor}: ${message}`);
      },
      admin,
      credentials: this.target.credentials,
      unique: `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`,
    };
  }

  /** Runs one test; a thrown error becomes its one-line, redacted failure. */
  async run(test: PlannedTest): Promise<TestOutcome> {
    const started = Date.now();
    this.current = test;
    try {
      await test.fn();
      return { status: 'passed', durationMs: Date.now() - started };
    } catch (err) {
      const message = err instanceof TestFailure ? err.message : redactText(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      return { status: 'violated', message, durationMs: Date.now() - started };
    } finally {
      this.current = undefined;
    }
  }

}

/** A context for reading a definition without running it (`--list`): every run-time call says so. */
export function inertContext(vendor: string): SuiteContext {
  const refuse = (): never => {
    throw new Error(`${vendor} suite: run-time calls are not available while the suite is only being listed`);
  };
  return { vendor, call: refuse, observe: refuse, field: refuse, expectStatus: refuse, expectJson: refuse, expect: refuse, admin: { get: refuse, post: refuse }, credentials: {}, unique: 'listing' };
}
