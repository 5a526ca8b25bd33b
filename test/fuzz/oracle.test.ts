import type { ObservedResponse } from '../../contracts/core';
import { Oracle } from '../../bench/fuzz/oracle';
import { compiledSpecs } from '../support/harness';

const json = (status: number, body: unknown, headers: Record<string, string> = {}, type = 'application/json; charset=utf-8'): ObservedResponse => ({
  status,
  headers: { 'content-type': type, ...headers },
  text: JSON.stringify(body),
});
const problem = (status: number, headers: Record<string, string> = {}): ObservedResponse =>
  json(status, { type: 'about:blank', title: 'x', status, detail: 'x' }, headers, 'application/problem+json');
const emnifyError = (status: number): ObservedResponse => json(status, { error_code: 1400, error_token: 'InputValidationFailed', message: 'x' });
const eiError = (status: number, headers: Record<string, string> = {}): ObservedResponse => json(status, { success: false, error: 'x' }, headers);

describe('the fuzz oracle', () => {
  let oracle: Oracle;
  beforeAll(async () => {
    oracle = new Oracle(await compiledSpecs());
  });

  test.each<[string, string, string, ObservedResponse, boolean]>([
    ['a spec-valid login answer', 'POST', '/v1/api-login', json(200, { success: true, token: 'x' }), true],
    ['a login answer missing a required field', 'POST', '/v1/api-login', json(200, { token: 'x' }), false],
    ['any 500, even one the spec documents', 'POST', '/api/users/resendActivation', json(500, { code: 500, message: 'x' }), false],
    ['a 502', 'GET', '/__admin/users', problem(502), false],
    ['a stack trace in an error body', 'POST', '/v1/api-login', json(400, { success: false, error: 'Error: x\n    at f (/app/x.js:1:2)' }), false],
    ['an undocumented 415 in the vendor\u2019s envelope', 'POST', '/api/v1/authenticate', emnifyError(415), true],
    ['an undocumented 415 in another vendor\u2019s envelope', 'POST', '/api/v1/authenticate', eiError(415), false],
    ['an undocumented 409 in the vendor\u2019s envelope', 'POST', '/api/v1/authenticate', emnifyError(409), false],
    ['a wrong method answered 405 with Allow in the vendor\u2019s envelope', 'GET', '/v1/api-login', eiError(405, { allow: 'POST' }), true],
    ['a wrong method answered 405 without Allow', 'GET', '/v1/api-login', eiError(405), false],
    ['a wrong method answered 200', 'DELETE', '/v1/api-login', json(200, { success: true }), false],
    ['a HEAD answered 405 without a body', 'HEAD', '/__admin/users', { status: 405, headers: { allow: 'GET, POST' }, text: '' }, true],
    ['an unknown path answered 404 problem+json', 'GET', '/nothing/here', problem(404), true],
    ['an unknown path answered 404 in a vendor envelope', 'GET', '/nothing/here', eiError(404), false],
    ['an unknown path answered 200', 'GET', '/nothing/here', json(200, {}), false],
    ['a preflight answered 204 without a body', 'OPTIONS', '/nothing/here', { status: 204, headers: {}, text: '' }, true],
  ])('judges %s', (_name, method, path, res, ok) => {
    expect(oracle.judge(method, path, res).ok).toBe(ok);
  });

  test('routes a request to its operation by method and path, ignoring the query', () => {
    expect(oracle.route('POST', '/v1/api-login?x=1')?.operationId).toBe('login');
    expect(oracle.route('GET', '/v1/api-login')).toBeUndefined();
    expect(oracle.owner('/v1/api-login')).toBe('edge-impulse');
    expect(oracle.owner('/v1/api-login/')).toBeUndefined();
  });
});
