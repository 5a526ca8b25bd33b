import { loadCompiledSpecs } from '../core';
import { readEnvironment, vendorBase, vendorCredentials } from '../kit/environment';
import { Pacer } from '../kit/pacing';
import { adminHeaders, factsFromEnv } from '../kit/prepare';
import { prismViolations } from '../kit/prism';
import { writeSuiteReport } from '../kit/report';
import { RetryPolicy } from '../kit/retry';
import { SuiteRuntime } from '../runner/context';
import { collectTiers, type SuiteContext } from '../runner/define';
import { TestFailure } from '../runner/expect';
import { findingsFor, planSuite } from '../runner/plan';
import { loadSuite } from '../runner/suites';

/**
 * The jest side of the suites' own format: `describeContract('some-vendor')`
 * registers a vendor's suite as jest blocks, one `describe` per tier group
 * and one `test` per test, skipped tiers as `test.skip` with the reason. It
 * reads what the kit's global set-up (`authmock/jest/global-setup`) found out
 * about the target, because jest registers tests before any of them runs.
 */
type Block = () => void;
type Hook = () => unknown;
/** The jest globals the adapter uses, taken from globalThis so the package's types need no @types/jest. */
interface JestGlobals {
  describe(name: string, fn: Block): void;
  test: ((name: string, fn: () => unknown) => void) & { skip(name: string, fn: () => unknown): void };
  beforeAll(fn: Hook): void;
  afterAll(fn: Hook): void;
}

function jestGlobals(): JestGlobals {
  const g = globalThis as Partial<JestGlobals>;
  if (!g.describe || !g.test || !g.beforeAll || !g.afterAll) throw new Error('describeContract registers jest tests: call it from a jest test file');
  return g as JestGlobals;
}

export function describeContract(vendor: string): void {
  const { describe, test, beforeAll, afterAll } = jestGlobals();
  const env = readEnvironment();
  const facts = factsFromEnv(vendor);
  if (!facts) {
    throw new Error("describeContract needs the kit's jest global set-up: add globalSetup: 'authmock/jest/global-setup' and globalTeardown: 'authmock/jest/global-teardown' to the jest config");
  }
  const suite = loadSuite(vendor);
  if (!suite) throw new Error(`${vendor} has no contract suite (contracts/suites/${vendor}.ts)`);
  let runtime: SuiteRuntime | undefined;
  const live = (): SuiteContext => {
    if (!runtime) throw new Error(`the ${vendor} suite has not started`);
    return runtime.context;
  };
  // Tests are registered now and run later: the context forwards to the runtime made in beforeAll.
  const late: SuiteContext = {
    vendor,
    call: (...a) => live().call(...a),
    observe: (...a) => live().observe(...a),
    field: (...a) => live().field(...a),
    expectStatus: (...a) => live().expectStatus(...a),
    expectJson: (...a) => live().expectJson(...a),
    expect: (...a) => live().expect(...a),
    admin: { get: (p) => live().admin.get(p), post: (p, b) => live().admin.post(p, b) },
    get credentials() {
      return live().credentials;
    },
    get unique() {
      return live().unique;
    },
  };
  const plan = planSuite(vendor, collectTiers(suite, late), env, findingsFor(vendor, facts));

  describe(`${vendor} contract`, () => {
    beforeAll(async () => {
      const spec = (await loadCompiledSpecs(undefined, { validate: false })).get(vendor)!;
      const base = vendorBase(env, vendor, spec.basePath);
      if (!base) throw new Error(`No target for ${vendor}: set CONTRACT_BASE_URL or CONTRACT_<VENDOR>_URL`);
      runtime = new SuiteRuntime({
        spec,
        base,
        admin: facts.admin,
        adminHeaders: adminHeaders(env),
        tenant: facts.tenant,
        credentials: vendorCredentials(env, vendor),
        client: { pacer: new Pacer(), retry: new RetryPolicy(), checks: env.failOnSlViolations ? [prismViolations] : [] },
      });
    });
    afterAll(() => {
      if (!runtime) return;
      writeSuiteReport(env.reportDir, { vendor, target: runtime.target.base, exchanges: runtime.clients.flatMap((c) => c.exchanges), observations: runtime.observations, skipped: plan.skippedTiers });
    });

    for (const gate of plan.gates) {
      test(gate.title, () => {
        throw new TestFailure(gate.failure);
      });
    }
    const groups = [...new Set(plan.tests.map((t) => `${t.tier} tier: ${t.tierTitle}`))];
    for (const group of groups) {
      describe(group, () => {
        for (const t of plan.tests.filter((x) => `${x.tier} tier: ${x.tierTitle}` === group)) {
          if (t.skip) {
            test.skip(`${t.title} — skipped: ${t.skip}`, () => undefined);
            continue;
          }
          test(t.title, async () => {
            const outcome = await runtime!.run(t);
            if (outcome.status === 'violated') throw new TestFailure(outcome.message ?? 'failed');
          });
        }
      });
    }
  });
}
