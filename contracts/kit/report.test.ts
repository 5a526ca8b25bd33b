import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCompiledSpecs, type CompiledSpec } from '../core';
import { buildReport, formatReport, writeJsonFile, type SuiteReport } from './report';

let specs: Promise<Map<string, CompiledSpec>> | undefined;
const compiledSpecs = () => (specs ??= loadCompiledSpecs(undefined, { validate: false }));

const suite = (exchanges: SuiteReport['exchanges']): SuiteReport => ({
  vendor: 'akana',
  target: 'http://127.0.0.1:1',
  exchanges,
  observations: [{ label: 'GET', text: 'status 405' }],
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
      ['200', 1], ['400', 0], ['404', 0], ['405', 0], ['413', 0], ['415', 0], ['429', 1], ['500', 0],
    ]);
    expect(report.inferredSeen).toEqual([{ vendor: 'akana', operationId: 'resendActivation', status: '429', count: 1 }]);
    const documented = specs.get('akana')!.operations.reduce((n, op) => n + Object.keys(op.responses).length, 0);
    expect(report.totals).toEqual({ exchanges: 2, violations: 0, faulted: 0, documentedResponses: documented, exercisedResponses: 2 });
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

  test('lists answers a fault produced apart: neither violations nor coverage', async () => {
    const violation = { operation: 'akana resendActivation', check: 'status' as const, pointer: '', expected: 'one of 200', actual: '503', allowed: ['200'], message: 'akana resendActivation: status 503 is not documented' };
    const report = buildReport(await compiledSpecs(), [
      suite([
        { operationId: 'resendActivation', method: 'POST', status: 503, inferred: false, violations: [violation], faultId: 'f-1' },
        { operationId: 'resendActivation', method: 'POST', status: 429, documentedStatus: '429', inferred: false, violations: [], faultId: 'prefer' },
      ]),
    ]);
    expect(report.violations).toEqual([]);
    expect(report.faulted).toEqual([
      { vendor: 'akana', operationId: 'resendActivation', method: 'POST', status: 503, faultId: 'f-1' },
      { vendor: 'akana', operationId: 'resendActivation', method: 'POST', status: 429, faultId: 'prefer' },
    ]);
    expect(report.totals).toMatchObject({ violations: 0, faulted: 2, exercisedResponses: 0 });
    expect(formatReport(report)).toContain('akana resendActivation: POST answered 503 by fault f-1');
  });

  test('is written and printed without secrets', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    const leaking = { ...suite([]), observations: [{ label: 'login', text: `body {"token":"${jwt}","password":"hunter 22"}` }] };
    const report = buildReport(await compiledSpecs(), [leaking]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'authmock-report-'));
    try {
      writeJsonFile(path.join(dir, 'report.json'), report);
      for (const text of [fs.readFileSync(path.join(dir, 'report.json'), 'utf8'), formatReport(report)]) {
        expect(text).toContain('login');
        expect(text).not.toContain(jwt);
        expect(text).not.toContain('hunter 22');
      }
      // The label says what was observed: readable, while secrets in the text stay redacted.
      const written = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as { observations: { label: string }[] };
      expect(written.observations.map((o) => o.label)).toEqual(['login']);
      expect(formatReport(report)).toContain('akana: login: ');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
