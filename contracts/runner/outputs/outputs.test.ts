import type { RunResult, TestResult } from '../run';
import { annotations, stepSummary } from './github';
import { junitXml } from './junit';
import { verdictLine } from './console';

const test1 = (over: Partial<TestResult>): TestResult => ({ vendor: 'v', tier: 'public', title: 'a test', status: 'passed', durationMs: 12, calls: ['login'], ...over });

function result(tests: TestResult[], violations: { operation: string; message: string }[] = []): RunResult {
  const count = (s: TestResult['status']) => tests.filter((t) => t.status === s).length;
  return {
    tests,
    retries: [],
    pacedMs: 0,
    durationMs: 1500,
    totals: { passed: count('passed'), violated: count('violated'), skipped: count('skipped') },
    report: {
      targets: { v: 'http://127.0.0.1:1' },
      coverage: [],
      violations: violations.map((v) => ({ ...v, check: 'status', pointer: '', expected: '200', actual: '500', allowed: ['200'] })),
      observations: [],
      inferredSeen: [],
      skipped: [],
      faulted: [],
      totals: { exchanges: 3, violations: violations.length, faulted: 0, documentedResponses: 4, exercisedResponses: 2 },
    },
  };
}

describe('JUnit XML', () => {
  const xml = junitXml(
    result([
      test1({}),
      test1({ title: 'a <tricky> & "quoted" test', status: 'violated', message: 'v login: expected status 200, received 500\nbody: {"token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"}' }),
      test1({ title: 'skipped one', status: 'skipped', message: 'set CONTRACT_V_JWT' }),
    ]),
  );

  test('counts tests, failures and skips per vendor and in all', () => {
    expect(xml).toContain('<testsuites name="authmock contract" tests="3" failures="1" skipped="1" time="1.500">');
    expect(xml).toContain('<testsuite name="v" tests="3" failures="1" errors="0" skipped="1"');
  });

  test('escapes markup and redacts secrets in names and messages', () => {
    expect(xml).toContain('name="a &lt;tricky&gt; &amp; &quot;quoted&quot; test"');
    expect(xml).toContain('<failure message="v login: expected status 200, received 500">');
    expect(xml).not.toContain('eyJzdWIiOiIxIn0');
    expect(xml).toContain('<skipped message="set CONTRACT_V_JWT"/>');
  });
});

describe('GitHub Actions', () => {
  const run = result(
    [test1({ status: 'violated', message: 'expected …, but it answered 500\n  ✗ v login: response 500 is not documented' }), test1({ title: 'the v target can be reached', tier: 'gate', status: 'violated', message: 'http://127.0.0.1:1 cannot be reached (ECONNREFUSED)' })],
    [{ operation: 'v login', message: 'v login: response 500 is not documented' }],
  );

  test('one ::error per violation, and one per other failure, escaped as the runner reads them', () => {
    expect(annotations(run)).toEqual([
      '::error title=contract%3A v login::v login: response 500 is not documented',
      '::error title=contract%3A v%3A the v target can be reached::http://127.0.0.1:1 cannot be reached (ECONNREFUSED)',
    ]);
  });

  test('a multi-line message stays one workflow command', () => {
    const [line] = annotations(result([test1({ status: 'violated', message: 'first\nsecond 100%' })]));
    expect(line).toBe('::error title=contract%3A v%3A a test::first');
    expect(annotations(result([], [{ operation: 'v x', message: 'a\nb 100%' }]))).toEqual(['::error title=contract%3A v x::a%0Ab 100%25']);
  });

  test('the step summary has the verdict, a row per vendor and the violations', () => {
    const md = stepSummary(run, verdictLine(run.totals));
    expect(md).toContain('**contract: 0 passed, 2 violated, 0 skipped**');
    expect(md).toContain('| v | http://127.0.0.1:1 | 0 | 2 | 0 |');
    expect(md).toContain('### Violated');
  });
});
