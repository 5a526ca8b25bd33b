import type { CallOptions, CallResult } from '../kit/client';
import type { Tier } from '../kit/environment';

/**
 * The contract suites' own format: plain functions, no test framework. The
 * CLI runs a suite itself (`authmock contract`), and `authmock/jest` turns the
 * same definition into `describe`/`test` blocks. A definition only registers
 * tiers and tests; everything a test does at run time goes through the
 * suite's context (`s.call`, `s.admin`, …), which the runner provides.
 */

/** The mock's admin API, for the flow tier (its tenant, when the target has tenants). */
export interface AdminApi {
  get(path: string): Promise<{ status: number; body: unknown }>;
  post(path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

export interface TestOptions {
  /**
   * The operations the test calls. `--list` prints them without calling
   * anything, and a call to an operation not listed here fails the test, so
   * the list cannot drift from what the test does.
   */
  calls: readonly string[];
  /**
   * What the test changes on the target, in words. Outside the flow tier (which
   * runs in a fresh tenant of the mock) such a test runs only with
   * `--allow-writes` (CONTRACT_ALLOW_WRITES=1), and `--list` names it.
   */
  changes?: string;
}

/** What a test can do while it runs. */
export interface SuiteContext {
  readonly vendor: string;
  /** Calls an operation; an answer that breaks the spec fails the test at once, naming the violations. */
  call(operationId: string, options?: CallOptions): Promise<CallResult>;
  /** Records a fact about the target for the report (most useful where the spec guesses, x-inferred). */
  observe(label: string, text: string): void;
  /** A field of an answer's JSON body; a clear failure naming the answer when it is missing. */
  field<T = string>(result: CallResult, name: string): T;
  /** Fails unless the answer's status is one of these, showing the (redacted) body. */
  expectStatus(result: CallResult, ...statuses: number[]): void;
  /**
   * Fails unless the answer's JSON body contains `pattern`: objects match by the
   * keys the pattern names, arrays and other values exactly; `String`, `Number`
   * and `Boolean` match any value of that type, a RegExp any string it matches.
   */
  expectJson(result: CallResult, pattern: unknown): void;
  /** Fails with `message` unless `condition` holds. */
  expect(condition: boolean, message: string): void;
  readonly admin: AdminApi;
  /** The credentials the vendor's contract file names, by name, from CONTRACT_<VENDOR>_<NAME>. */
  readonly credentials: Readonly<Record<string, string>>;
  /** A suffix unique to this run, so addresses and names never collide with another run's. */
  readonly unique: string;
}

export type TestFn = () => Promise<void>;

/** What a definition registers with. */
export interface SuiteBuilder extends SuiteContext {
  /** A group of tests of one tier; the whole group is skipped (and reported so) when its tier cannot run. */
  tier(tier: Tier, title: string, register: () => void): void;
  /** A test; `calls` is the list of operations it calls, or the full options. */
  test(title: string, calls: readonly string[] | TestOptions, fn: TestFn): void;
}

export interface TestDefinition {
  title: string;
  options: TestOptions;
  fn: TestFn;
}

export interface TierDefinition {
  tier: Tier;
  title: string;
  tests: TestDefinition[];
}

export interface ContractSuiteDefinition {
  vendor: string;
  /** Registers the tiers and tests with `s`; called once per run (and once by `--list`). */
  define(s: SuiteBuilder): void;
}

/** A vendor's suite, the default export of `contracts/suites/<vendor>.ts`. */
export function defineSuite(vendor: string, define: (s: SuiteBuilder) => void): ContractSuiteDefinition {
  return { vendor, define };
}

/**
 * Runs a definition and collects what it registers. `context` answers the
 * run-time calls; registering a test outside a tier, or a tier inside a tier,
 * is a mistake in the suite and says so.
 */
export function collectTiers(definition: ContractSuiteDefinition, context: SuiteContext): TierDefinition[] {
  const tiers: TierDefinition[] = [];
  let open: TierDefinition | undefined;
  const builder: SuiteBuilder = Object.assign(Object.create(context) as SuiteContext, {
    tier(tier: Tier, title: string, register: () => void) {
      if (open) throw new Error(`${definition.vendor} suite: tier '${title}' is inside tier '${open.title}'`);
      open = { tier, title, tests: [] };
      try {
        register();
      } finally {
        tiers.push(open);
        open = undefined;
      }
    },
    test(title: string, calls: readonly string[] | TestOptions, fn: TestFn) {
      if (!open) throw new Error(`${definition.vendor} suite: test '${title}' is outside any tier`);
      const options: TestOptions = Array.isArray(calls) ? { calls } : (calls as TestOptions);
      if (options.calls.length === 0) throw new Error(`${definition.vendor} suite: test '${title}' names no operation it calls`);
      open.tests.push({ title, options, fn });
    },
  });
  definition.define(builder);
  return tiers;
}
