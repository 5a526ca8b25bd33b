import { loadCompiledSpecs, vendorFacts, type CompiledSpec } from '../core';
import { vendorBase, vendorCredentials, type KitEnvironment, type Tier } from '../kit/environment';
import { Pacer } from '../kit/pacing';
import { prismViolations } from '../kit/prism';
import { adminHeaders, prepareRun } from '../kit/prepare';
import { buildReport, type ContractReport, type SuiteReport } from '../kit/report';
import { RetryPolicy, type RetryRecord } from '../kit/retry';
import { dropTenant } from '../kit/tenants';
import { collectTiers } from './define';
import { SuiteRuntime } from './context';
import { findingsFor, planSuite } from './plan';
import { loadSuite } from './suites';

export interface TestResult {
  vendor: string;
  /** The tier, or `gate` for the checks that run first (reachability, credentials). */
  tier: Tier | 'gate';
  title: string;
  status: 'passed' | 'violated' | 'skipped';
  /** Why it failed or was skipped. */
  message?: string;
  durationMs: number;
  calls: readonly string[];
}

export interface RunOptions {
  env: KitEnvironment;
  /** Only these vendors (default: every vendor with a spec, a suite and a target). */
  vendors?: readonly string[];
  timeoutMs: number;
  retries: number;
  /** Called with each result as it comes in. */
  onResult?: (result: TestResult) => void;
  specs?: Map<string, CompiledSpec>;
}

export interface RunResult {
  tests: TestResult[];
  report: ContractReport;
  retries: RetryRecord[];
  /** Milliseconds the kit waited to stay under the vendors' documented limits. */
  pacedMs: number;
  totals: { passed: number; violated: number; skipped: number };
  durationMs: number;
}

/**
 * One contract run, without a test framework: probe the targets once, then
 * each vendor's suite, tests in order within a vendor and vendors side by
 * side (one staging per vendor is the slow part). Everything found goes into
 * one result; writing it out is the caller's.
 */
export async function runContracts(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { env } = options;
  const specs = options.specs ?? (await loadCompiledSpecs(undefined, { validate: false }));
  const pacer = new Pacer();
  const retry = new RetryPolicy(options.retries);
  const clientOptions = { timeoutMs: options.timeoutMs, pacer, retry, checks: [] };
  const facts = await prepareRun(env, specs, clientOptions);
  const tests: TestResult[] = [];
  const add = (r: TestResult) => {
    tests.push(r);
    options.onResult?.(r);
  };
  const chosen = vendorFacts(specs)
    .map((v) => v.id)
    .filter((id) => !options.vendors || options.vendors.includes(id));
  const suites: SuiteReport[] = [];

  await Promise.all(
    chosen.map(async (vendor) => {
      const spec = specs.get(vendor)!;
      const base = vendorBase(env, vendor, spec.basePath);
      const definition = loadSuite(vendor);
      if (!base) return;
      if (!definition) {
        add({ vendor, tier: 'gate', title: `the ${vendor} suite`, status: 'skipped', message: `${vendor} has a spec but no contract suite (contracts/suites/${vendor}.ts)`, durationMs: 0, calls: [] });
        return;
      }
      const runtime = new SuiteRuntime({
        spec,
        base,
        admin: facts.admin,
        adminHeaders: adminHeaders(env),
        tenant: facts.tenant,
        credentials: vendorCredentials(env, vendor),
        client: { ...clientOptions, checks: env.failOnSlViolations ? [prismViolations] : [] },
      });
      const plan = planSuite(vendor, collectTiers(definition, runtime.context), env, findingsFor(vendor, facts));
      for (const gate of plan.gates) add({ vendor, tier: 'gate', title: gate.title, status: 'violated', message: gate.failure, durationMs: 0, calls: [] });
      for (const test of plan.tests) {
        const base = { vendor, tier: test.tier, title: `${test.tier} tier: ${test.tierTitle} › ${test.title}`, calls: test.options.calls };
        if (test.skip) {
          add({ ...base, status: 'skipped', message: test.skip, durationMs: 0 });
          continue;
        }
        add({ ...base, ...(await runtime.run(test)) });
      }
      suites.push({ vendor, target: base, exchanges: runtime.clients.flatMap((c) => c.exchanges), observations: runtime.observations, skipped: plan.skippedTiers });
    }),
  );
  if (facts.tenant) await dropTenant(facts.tenant.root, facts.tenant.name, adminHeaders(env));

  suites.sort((a, b) => a.vendor.localeCompare(b.vendor));
  // Vendors ran side by side; the reports list them one after the other, each in its own order.
  const order = new Map(chosen.map((v, i) => [v, i]));
  tests.sort((a, b) => order.get(a.vendor)! - order.get(b.vendor)!);
  const count = (status: TestResult['status']) => tests.filter((t) => t.status === status).length;
  return {
    tests,
    report: buildReport(specs, suites),
    retries: retry.records,
    pacedMs: pacer.waitedMs,
    totals: { passed: count('passed'), violated: count('violated'), skipped: count('skipped') },
    durationMs: Date.now() - started,
  };
}
