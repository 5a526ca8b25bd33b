import { loadCompiledSpecs } from '../../contracts/core';
import { ContractClient, type CallOptions } from '../../contracts/kit/client';
import { startMock, type RunningMock } from '../../mock-server/server';

// End to end: the contract kit, pointed at the mock, tells a fault's answer from a violation.
const FORM: CallOptions = { body: { emailAddress: 'someone@akana.example' }, contentType: 'application/x-www-form-urlencoded' };
let mock: RunningMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

test.each([
  ['a fault rule', {}, 'fault-1'],
  ['a Prefer header', { Prefer: 'code=503' }, 'prefer'],
])('an answer forced by %s reaches the kit as faulted, with no violations', async (_label, headers, faultId) => {
  const specs = await loadCompiledSpecs(undefined, { validate: false });
  mock = await startMock({ port: 0, host: '127.0.0.1', specs });
  if (faultId !== 'prefer') {
    await fetch(`${mock.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ vendor: 'akana', status: 503 }) });
  }
  const client = new ContractClient(specs.get('akana')!, mock.url);
  const result = await client.call('resendActivation', { ...FORM, headers });
  expect(result).toMatchObject({ status: 503, faultId, violations: [] });
});
