import { compiledSpecs } from '../../test/support/harness';
import { buildReport, formatReport, type SuiteReport } from './report';

const suite = (exchanges: SuiteReport['exchanges']): SuiteReport => ({
  vendor: 'akana',
  target: 'http://127.0.0.1:1',
  exchanges,
  observations: [{ key: 'GET', text: 'status 405' }],
  skipped: [{ tier: 'credentialed', reason: 'no credentials' }],
});

describe('the contract report', () => {
  test('lists every operation × documented status, exercised or not', async () => {
    const specs = await compiledSpecs();
    const report = buildReport(specs, [
      suite([
        { operationId: 'resendActivation', method: 'POST', status: 200, documentedStatus: '200', inferred: false, violations: [] },
        { operationId: 'resendActivation', method: 'POST', status: 429, documentedStatus: '429', inferred: true, violations: [] },
      ]),
    ]);
    expect(report.coverage.filter((c) => c.operationId === 'resendActivation').map((c) => [c.status, c.exercised])).toEqual([
      ['200', 1], ['400', 0], ['404', 0], ['405', 0], ['413', 0], ['429', 1], ['500', 0],
    ]);
    expect(report.inferredSeen).toEqual([{ vendor: 'akana', operationId: 'resendActivation', status: '429', count: 1 }]);
    const documented = specs.get('akana')!.operations.reduce((n, op) => n + Object.keys(op.responses).length, 0);
    expect(report.totals).toEqual({ exchanges: 2, violations: 0, documentedResponses: documented, exercisedResponses: 2 });
    const text = formatReport(report);
    expect(text).toMatch(/akana resendActivation +200 +exercised ×1/);
    expect(text).toMatch(/akana resendActivation +400 +not exercised/);
    expect(text).toContain('akana: GET: status 405');
    expect(text).toContain('akana credentialed tier: no credentials');
  });

  test('carries every violation with its message', async () => {
    const violation = { operation: 'akana resendActivation', check: 'status' as const, pointer: '', expected: 'one of 200', actual: '201', allowed: ['200'], message: 'akana resendActivation: status 201 is not documented' };
    const report = buildReport(await compiledSpecs(), [suite([{ operationId: 'resendActivation', method: 'POST', status: 201, inferred: false, violations: [violation] }])]);
    expect(report.violations).toEqual([violation]);
    expect(formatReport(report)).toContain('Violations:\n  akana resendActivation: status 201 is not documented');
  });
});
