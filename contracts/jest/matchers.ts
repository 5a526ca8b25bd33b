import { redactText, type ObservedResponse } from '../core';
import type { CallResult } from '../kit/client';
import { contractSpecs, describeViolations as describeAll, findOperation, formatVerdict, judge, loadedContractSpecs, shownBody, type Verdict } from '../kit/exchange';
import { toObservedResponse, type ResponseLike } from '../kit/observe';

/** The part of jest's matcher context the matcher uses; typed here so the package needs no jest types to build. */
interface MatcherContext {
  isNot?: boolean;
}
interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** One violation per paragraph: what was checked, where, what was expected, what came back, what exists. */
export function describeViolations(result: Pick<CallResult, 'violations'>): string {
  return describeAll(result.violations);
}

const isCallResult = (value: unknown): value is CallResult =>
  typeof value === 'object' && value !== null && Array.isArray((value as CallResult).violations) && typeof (value as CallResult).operationId === 'string';

/** A result of the kit's own client: it was judged when it came back. */
function fromCallResult(received: CallResult): MatcherResult {
  if (received.faultId !== undefined) {
    return { pass: true, message: () => `${received.operationId} was answered by fault ${received.faultId}: not judged against the spec` };
  }
  const pass = received.violations.length === 0;
  return {
    pass,
    message: () =>
      redactText(
        pass
          ? `expected ${received.operationId} (status ${received.status}) to break its contract, but it satisfies the spec`
          : `${received.operationId} answered ${received.status}, which breaks the spec in ${received.violations.length} way(s):\n${describeViolations(received)}\n\nbody: ${shownBody(received.text)}`,
      ),
  };
}

function fromVerdict(verdict: Verdict, isNot: boolean): MatcherResult {
  const pass = verdict.faultId !== undefined || verdict.violations.length === 0;
  const op = verdict.operation;
  return {
    pass,
    message: () =>
      pass && isNot && verdict.faultId === undefined
        ? `expected ${op.spec} ${op.operationId} (${op.method.toUpperCase()} ${op.fullPath}) not to satisfy the spec, but it does\n\n${formatVerdict(verdict)}`
        : formatVerdict(verdict),
  };
}

export const contractMatchers = {
  /**
   * `expect(result).toSatisfyContract()` on a result of the kit's client, or
   * `expect(res).toSatisfyContract('some-vendor', 'login')` on any response
   * (`{status, headers, body}`, supertest, a fetch Response). It answers
   * synchronously once the specs are loaded (`authmock/jest` loads them in a
   * `beforeAll`) and for anything but an unread fetch Response; otherwise it
   * returns a promise, so `await expect(res).toSatisfyContract(…)` always works.
   */
  toSatisfyContract(this: MatcherContext, received: unknown, specId?: string, operationId?: string): MatcherResult | Promise<MatcherResult> {
    if (specId === undefined && isCallResult(received)) return fromCallResult(received);
    if (specId === undefined || operationId === undefined) {
      throw new Error("toSatisfyContract(specId, operationId) needs the spec and operation for a response the kit did not make, e.g. toSatisfyContract('some-vendor', 'login')");
    }
    const observed = toObservedResponse(received as ResponseLike);
    const specs = loadedContractSpecs();
    const isNot = this.isNot === true;
    // A duck test: a fetch body promise may come from another realm than jest's sandbox.
    if (specs && typeof (observed as Partial<Promise<unknown>>).then !== 'function') return fromVerdict(judge(findOperation(specs, specId, operationId), observed as ObservedResponse), isNot);
    return Promise.all([contractSpecs(), observed]).then(([all, response]) => fromVerdict(judge(findOperation(all, specId, operationId), response), isNot));
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The response satisfies its operation in the spec: status, content type,
       * body schema, headers. Without arguments on a result of the contract
       * kit's client; with `(specId, operationId)` on any response. Await it
       * for a fetch Response.
       */
      toSatisfyContract(specId?: string, operationId?: string): R;
    }
  }
}
