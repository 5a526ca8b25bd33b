/**
 * `authmock/jest`: importing this module registers `toSatisfyContract()` on
 * jest's `expect` and loads the specs before the tests, so the matcher judges
 * synchronously. Import it in a test file or in `setupFilesAfterEnv`.
 */
import { contractSpecs } from '../kit/exchange';
import { contractMatchers } from './matchers';

interface JestGlobals {
  expect?: { extend(matchers: Record<string, unknown>): void };
  beforeAll?: (fn: () => Promise<unknown>) => void;
}

const jestGlobals = globalThis as JestGlobals;
if (!jestGlobals.expect) {
  throw new Error('authmock/jest registers a jest matcher: import it from a test file or from setupFilesAfterEnv, where jest’s expect exists');
}
jestGlobals.expect.extend(contractMatchers);
jestGlobals.beforeAll?.(() => contractSpecs());

export { contractMatchers, describeViolations } from './matchers';
export { describeContract } from './describe-contract';
export { checkExchange, formatVerdict, type Verdict } from '../kit/exchange';
export type { ResponseLike } from '../kit/observe';
