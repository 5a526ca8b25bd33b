import '../../contracts/jest';
import { loadCompiledSpecs } from '../../contracts/core';
import { ContractClient, type CallOptions } from '../../contracts/kit/client';
import { buildReport, formatReport } from '../../contracts/kit/report';
import { stubServer, type StubServer } from '../support/stub-server';

// Answers a fault rule produced (X-Authmock-Fault) are reported as such, never as the target's violations.
const specs = loadCompiledSpecs(undefined, { validate: false });
const FORM: CallOptions = { body: { emailAddress: 'a@b.example' }, contentType: 'application/x-www-form-urlencoded' };
let server: StubServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function resendAgainst(headers: Record<string, string>) {
  // 503 with a JSON body: undocumented for Akana's resendActivation, so a violation unless a fault produced it.
  server = await stubServer(() => ({ status: 503, headers, body: { error: 'forced' } }));
  const client = new ContractClient((await specs).get('akana')!, server.url);
  return { client, result: await client.call('resendActivation', FORM) };
}

describe('an answer a fault produced', () => {
  test.each([
    ['a fault rule', 'rule-7'],
    ['a Prefer header', 'prefer'],
  ])('by %s is not judged, passes the matcher and is listed apart in the report', async (_label, faultId) => {
    const { client, result } = await resendAgainst({ 'X-Authmock-Fault': faultId });
    expect(result).toMatchObject({ status: 503, faultId, violations: [] });
    expect(result).toSatisfyContract();
    const report = buildReport(await specs, [{ vendor: 'akana', target: server!.url, exchanges: client.exchanges, observations: [], skipped: [] }]);
    expect(report.violations).toEqual([]);
    expect(report.faulted).toEqual([{ vendor: 'akana', operationId: 'resendActivation', method: 'POST', status: 503, faultId }]);
    expect(report.totals).toMatchObject({ exchanges: 1, violations: 0, faulted: 1, exercisedResponses: 0 });
    expect(formatReport(report)).toContain(`akana resendActivation: POST answered 503 by fault ${faultId}`);
  });

  test('the same answer without the header is a violation of the target', async () => {
    const { client, result } = await resendAgainst({});
    expect(result.faultId).toBeUndefined();
    expect(result.violations.map((v) => v.check)).toEqual(['status']);
    expect(() => expect(result).toSatisfyContract()).toThrow('resendActivation answered 503, which breaks the spec');
    expect(buildReport(await specs, [{ vendor: 'akana', target: server!.url, exchanges: client.exchanges, observations: [], skipped: [] }]).faulted).toEqual([]);
  });

  test('a response of your own that a fault produced passes toSatisfyContract(spec, operation) and says why', () => {
    const res = { status: 503, headers: { 'x-authmock-fault': 'rule-9', 'content-type': 'application/json' }, body: { error: 'forced' } };
    expect(res).toSatisfyContract('akana', 'resendActivation');
    expect(() => expect(res).not.toSatisfyContract('akana', 'resendActivation')).toThrow('was answered by fault rule-9: not judged against the spec');
  });
});
