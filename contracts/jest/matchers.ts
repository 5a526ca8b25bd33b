import type { CallResult } from '../kit/client';

/** One violation per paragraph: what was checked, where, what was expected, what came back, what exists. */
export function describeViolations(result: CallResult): string {
  return result.violations
    .map((v) =>
      [
        `  ✗ ${v.message}`,
        `      check:    ${v.check}${v.pointer ? ` at ${v.pointer}` : ''}`,
        `      expected: ${v.expected}`,
        `      received: ${v.actual}`,
        ...(v.allowed.length ? [`      the spec allows: ${v.allowed.join(', ')}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

export const contractMatchers = {
  toSatisfyContract(this: jest.MatcherContext, received: CallResult) {
    const pass = received.violations.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected ${received.operationId} (status ${received.status}) to break its contract, but it satisfies the spec`
          : `${received.operationId} answered ${received.status}, which breaks the spec in ${received.violations.length} way(s):\n${describeViolations(received)}\n\nbody: ${received.text.slice(0, 500) || '(none)'}`,
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The response satisfies its operation in the spec: status, content type, body schema, headers. */
      toSatisfyContract(): R;
    }
  }
}
