import '../../contracts/jest';
import { checkExchange, redactText } from '../../contracts';
import { createHarness, fixture } from '../support/harness';
import { stubServer, type StubServer } from '../support/stub-server';

// `authmock/jest` and `authmock/contract` as a user's own suite uses them, on responses the kit did not make.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.dXNlci1zaWduYXR1cmUtMQ';
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
let server: StubServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('toSatisfyContract(spec, operation) on a plain { status, headers, body }', () => {
  test('a conforming answer passes, synchronously once the specs are loaded', () => {
    const outcome: unknown = expect({ status: 200, headers: JSON_TYPE, body: { success: true, token: JWT } }).toSatisfyContract('edge-impulse', 'login');
    expect(outcome).toBeUndefined();
  });

  test('a breaking answer fails saying what was expected and what came back, without its secrets', () => {
    const res = { status: 200, headers: JSON_TYPE, body: { success: 'yes', token: JWT, password: 'hunter 22' } };
    let message = '';
    try {
      expect(res).toSatisfyContract('edge-impulse', 'login');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('expected edge-impulse login (POST /v1/api-login) to satisfy the spec, but it answered 200, which breaks it in 1 way(s):');
    expect(message).toContain('edge-impulse login: response 200 body at /success: success must be of type boolean (got "yes")');
    expect(message).toContain('received: status 200, content-type application/json; charset=utf-8');
    expect(message).toContain('the spec documents: 200 (application/json)');
    expect(message).toContain('"password":"[redacted]"');
    expect(message).not.toContain(JWT);
    expect(message).not.toContain('hunter 22');
  });

  test('.not inverts it and says so', () => {
    const res = { status: 200, headers: JSON_TYPE, body: { success: true } };
    expect(() => expect(res).not.toSatisfyContract('edge-impulse', 'login')).toThrow('expected edge-impulse login (POST /v1/api-login) not to satisfy the spec, but it does');
    expect({ status: 418, headers: {}, body: '' }).not.toSatisfyContract('edge-impulse', 'login');
  });

  test.each([
    ['an unknown spec', ['nope', 'login'], "No spec 'nope'; the specs are"],
    ['an unknown operation', ['edge-impulse', 'nope'], "edge-impulse has no operation 'nope'; it has login"],
    ['no operation at all', [], 'toSatisfyContract(specId, operationId) needs the spec and operation'],
  ])('%s is a clear error', (_label, args, text) => {
    expect(() => expect({ status: 200, headers: {}, body: {} }).toSatisfyContract(...(args as [string, string]))).toThrow(text);
  });
});

describe('toSatisfyContract(spec, operation) on a supertest response', () => {
  test('judges the raw text supertest keeps, not its parsed body', async () => {
    const h = await createHarness();
    const user = fixture('edge-impulse', 'active');
    const res = await h.request.post('/v1/api-login').send({ username: user.username, password: user.password });
    expect(res).toSatisfyContract('edge-impulse', 'login');
    expect(res).not.toSatisfyContract('emnify', 'authenticate');
    const empty = await h.request.post('/api/users/resendActivation').type('form').set('Accept', '*/*').send({ emailAddress: 'nobody@akana.example' });
    expect(empty.body).toEqual({});
    expect(empty).toSatisfyContract('akana', 'resendActivation');
  });
});

describe('toSatisfyContract(spec, operation) on a fetch Response', () => {
  test('is awaited, and leaves the body for the caller to read', async () => {
    server = await stubServer(() => ({ status: 200, body: { success: false, error: 'Username or password incorrect' } }));
    const res = await fetch(`${server.url}/v1/api-login`, { method: 'POST' });
    await expect(res).toSatisfyContract('edge-impulse', 'login');
    expect(await res.json()).toEqual({ success: false, error: 'Username or password incorrect' });
  });

  test('a breaking answer rejects with the violation', async () => {
    server = await stubServer(() => ({ status: 201, body: { success: true } }));
    const res = await fetch(`${server.url}/v1/api-login`, { method: 'POST' });
    await expect(expect(res).toSatisfyContract('edge-impulse', 'login')).rejects.toThrow('edge-impulse login: status 201 is not documented');
  });

  test('a body already read is a clear error, not a false verdict', async () => {
    server = await stubServer(() => ({ status: 200, body: { success: true } }));
    const res = await fetch(`${server.url}/v1/api-login`, { method: 'POST' });
    await res.text();
    expect(() => expect(res).toSatisfyContract('edge-impulse', 'login')).toThrow('The body of this fetch Response was already read');
  });
});

describe('authmock/contract without jest', () => {
  test('checkExchange judges any response and names the violations', async () => {
    const verdict = await checkExchange('emnify', 'authenticate', { status: 200, headers: { 'content-type': 'application/json' }, data: { auth_token: 5 } });
    expect(verdict.violations.map((v) => [v.check, v.pointer, v.actual])).toEqual([['body', '/auth_token', '"[redacted]"']]);
    expect(redactText(verdict.violations[0].message)).toBe(verdict.violations[0].message);
  });
});
